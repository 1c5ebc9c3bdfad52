// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small helpers: the mounter's credentials, write access to the upper, and
 * /sys/fs/strata, where the mount helper learns what the loaded module is
 * and can do.
 */
#include "strata.h"
#include <linux/kobject.h>
#include <linux/sysfs.h>

/*
 * Makes @cred the current task's subjective credentials and returns the
 * ones it replaces; strata_revert_creds() puts them back. Unlike
 * override_creds(), it takes no reference: every operation on a real layer
 * would otherwise bump the one refcount of the mounter's cred, a cache line
 * all CPUs would fight over. The caller keeps @cred alive until it reverts,
 * and nothing in between may drop a reference to the current cred (a
 * nested override_creds() is paired with its own revert_creds()). Only
 * this task reads its ->cred.
 *
 * A kernel with CONFIG_DEBUG_CREDENTIALS (up to 6.7) checks that the
 * current cred counts this task among its subscribers, which only
 * override_creds() maintains (a refcount-free swap trips a BUG() in the
 * next prepare_creds()): there the refcounted pair is used.
 */
const struct cred *strata_install_creds(const struct cred *cred)
{
	const struct cred *old;

	if (IS_ENABLED(CONFIG_DEBUG_CREDENTIALS))
		return override_creds(cred);
	old = rcu_dereference_protected(current->cred, 1);
	rcu_assign_pointer(current->cred, cred);
	return old;
}

/*
 * Work on real layers runs as the mounter, whose credentials the mount
 * holds for its whole life. Pair with strata_revert_creds() in the same
 * function.
 */
const struct cred *strata_override_creds(struct super_block *sb)
{
	return strata_install_creds(STRATA_FS(sb)->creator_cred);
}

/* Undoes strata_install_creds() or strata_override_creds(). */
void strata_revert_creds(const struct cred *old)
{
	if (IS_ENABLED(CONFIG_DEBUG_CREDENTIALS))
		revert_creds(old);
	else
		rcu_assign_pointer(current->cred, old);
}

/*
 * Every change to the upper holds write access to its mount, which also
 * keeps the upper filesystem from freezing under the change. Pair with
 * strata_drop_write() in the same function.
 */
int strata_want_write(struct super_block *sb)
{
	struct strata_fs *ofs = STRATA_FS(sb);

	if (WARN_ON_ONCE(!ofs->upper.mnt || !ofs->work))
		return -EROFS;
	return strata_do_want_write(ofs->upper.mnt);
}

void strata_drop_write(struct super_block *sb)
{
	strata_do_drop_write(STRATA_FS(sb)->upper.mnt);
}

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", STRATA_VERSION);
}

/* One word per capability; the helper checks for what it needs. */
static ssize_t features_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "lowerdir+ escapes path-values\n");
}

static ssize_t max_layers_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", STRATA_MAX_LAYERS);
}

static struct kobj_attribute strata_attr_version = __ATTR_RO(version);
static struct kobj_attribute strata_attr_features = __ATTR_RO(features);
static struct kobj_attribute strata_attr_max_layers = __ATTR_RO(max_layers);

static struct attribute *strata_attrs[] = {
	&strata_attr_version.attr,
	&strata_attr_features.attr,
	&strata_attr_max_layers.attr,
	NULL
};

static const struct attribute_group strata_attr_group = {
	.attrs = strata_attrs,
};

static struct kobject *strata_kobj;

int strata_sysfs_init(void)
{
	int err;

	strata_kobj = kobject_create_and_add("strata", fs_kobj);
	if (!strata_kobj)
		return -ENOMEM;
	err = sysfs_create_group(strata_kobj, &strata_attr_group);
	if (err) {
		kobject_put(strata_kobj);
		strata_kobj = NULL;
	}
	return err;
}

void strata_sysfs_exit(void)
{
	kobject_put(strata_kobj);
	strata_kobj = NULL;
}
