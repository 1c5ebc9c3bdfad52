// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mounts made from inside a user namespace (rootless podman and Docker):
 * the administrator's switch that allows them, and the rules such a mount
 * follows.
 *
 * Both filesystem types carry FS_USERNS_MOUNT, so the VFS lets a task that
 * is root in its own user namespace start a mount; the mount's superblock
 * then belongs to that namespace (sb->s_user_ns). Whether it may go on is
 * the switch's: "userns_mounts", N by default. Such a mount opens
 * Strata's mount code, and every copy-up and permission path behind it, to
 * any local user, and most of overlayfs's security history lives in that
 * mode; so it is an opt-in, like the sysctls distributions put in front of
 * unprivileged user namespaces. With the switch off, a mount from a user
 * namespace fails with EPERM before any of its options is looked at, and
 * the mount's error names the switch.
 *
 * A user-namespace mount keeps overlayfs's metadata in user.overlay.*
 * ("userxattr"): trusted.* is out of reach of a namespace's root, and a
 * union that silently could not read its own opaque marks would show
 * deleted directories' contents again.
 */
#include "strata.h"
#include <linux/moduleparam.h>

static bool strata_userns_mounts;

/* Read at every mount; flipped at run time by root (0644). */
module_param_named(userns_mounts, strata_userns_mounts, bool, 0644);
MODULE_PARM_DESC(userns_mounts,
		 "Y: mounts from inside a user namespace (rootless containers) are allowed; N (default): they fail with EPERM");

bool strata_userns_mounts_allowed(void)
{
	return READ_ONCE(strata_userns_mounts);
}

void strata_userns_mounts_set(bool allow)
{
	WRITE_ONCE(strata_userns_mounts, allow);
}

/* Whether @fc would make (or change) a mount owned by a user namespace. */
static bool strata_fc_in_userns(const struct fs_context *fc)
{
	return fc->user_ns != &init_user_ns;
}

/**
 * strata_userns_check_fc - refuse a user-namespace mount the switch forbids
 * @fc: a context about to take an option, or to make the mount
 *
 * Called for every option and again before the mount is made, so that a
 * forbidden caller reaches no option parser and no layer. Reconfiguring a
 * mount that exists is not refused: turning the switch off stops new
 * mounts, it does not strand the ones made while it was on.
 */
int strata_userns_check_fc(struct fs_context *fc)
{
	if (fc->purpose != FS_CONTEXT_FOR_MOUNT || !strata_fc_in_userns(fc))
		return 0;
	if (strata_userns_mounts_allowed())
		return 0;
	errorfc(fc, "mounts from inside a user namespace are off: an administrator allows them with the strata module parameter userns_mounts=Y (/sys/module/strata/parameters/userns_mounts)");
	return -EPERM;
}

/**
 * strata_userns_check_mount - what a mount from a user namespace must meet
 * @fc:     the context about to make the mount
 * @config: its options
 *
 * The mount runs as its maker for good (the mounter's credentials), so the
 * maker must be in the namespace the mount will belong to: a context
 * opened in one namespace and completed from another is refused, as
 * overlayfs refuses it.
 */
int strata_userns_check_mount(struct fs_context *fc,
			      const struct strata_config *config)
{
	if (fc->user_ns != current_user_ns())
		return invalfc(fc, "the mount must be made in the user namespace that opened its context");
	if (!strata_fc_in_userns(fc) || config->userxattr)
		return 0;
	return invalfc(fc, "a mount from inside a user namespace keeps its metadata in user.overlay.* xattrs: add the option userxattr");
}
