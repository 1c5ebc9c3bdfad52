// SPDX-License-Identifier: GPL-2.0-only
/*
 * The module: the filesystem types it registers, and its init and exit
 * ladder.
 *
 * "strata" is always registered. In drop-in mode (drop_in=Y, a load-time
 * choice) the same filesystem is registered as "overlay" as well, and its
 * mounts of that type answer overlayfs's statfs magic: container engines
 * mount the type "overlay" and check that magic (Docker's overlay2,
 * containerd's overlayfs snapshotter, podman's native driver), and run on
 * Strata unchanged. Mounts of the type "strata" keep Strata's own magic.
 * One filesystem owns a type's name, so a drop-in load fails while the
 * kernel's overlay is registered, and overlay.ko cannot load beside it.
 */
#include "strata.h"
#include <linux/magic.h>
#include <linux/module.h>

static bool strata_drop_in;
module_param_named(drop_in, strata_drop_in, bool, 0444);
MODULE_PARM_DESC(drop_in,
		 "Y: register as \"overlay\" too, in place of the kernel's overlay (at load only)");

static struct file_system_type strata_fs_type = {
	.owner = THIS_MODULE,
	.name = "strata",
	.fs_flags = FS_USERNS_MOUNT,	/* allowed or not by userns.c's switch */
	.init_fs_context = strata_init_fs_context,
	.parameters = strata_param_spec,
	.kill_sb = strata_kill_sb,
};
MODULE_ALIAS_FS("strata");

/* No alias: "mount -t overlay" must not load Strata unless asked to. */
static struct file_system_type strata_overlay_fs_type = {
	.owner = THIS_MODULE,
	.name = "overlay",
	.fs_flags = FS_USERNS_MOUNT,
	.init_fs_context = strata_init_fs_context,
	.parameters = strata_param_spec,
	.kill_sb = strata_kill_sb,
};

/* The statfs magic of a mount of @type: what its users check for. */
unsigned long strata_fs_type_magic(struct file_system_type *type)
{
	return type == &strata_overlay_fs_type ? OVERLAYFS_SUPER_MAGIC :
						 STRATA_SUPER_MAGIC;
}

static int strata_register_drop_in(void)
{
	int err;

	if (!strata_drop_in)
		return 0;
	err = register_filesystem(&strata_overlay_fs_type);
	if (err == -EBUSY)
		pr_err("drop_in=Y: the filesystem type \"overlay\" is taken: the kernel's overlay is loaded or built in; unload it (rmmod overlay) and keep it from loading first\n");
	else if (!err)
		pr_info("drop-in mode: mounts of type \"overlay\" are Strata's\n");
	return err;
}

static void strata_unregister_drop_in(void)
{
	if (strata_drop_in)
		unregister_filesystem(&strata_overlay_fs_type);
}

static int __init strata_init(void)
{
	int err;

	err = strata_inode_cache_init();
	if (err)
		goto out;
	err = strata_index_wq_init();
	if (err)
		goto out_cache;
	err = strata_sysfs_init();
	if (err)
		goto out_wq;
	err = register_filesystem(&strata_fs_type);
	if (err)
		goto out_sysfs;
	err = strata_register_drop_in();
	if (err)
		goto out_fs_type;
	pr_info("version %s loaded\n", STRATA_VERSION);
	return 0;

out_fs_type:
	unregister_filesystem(&strata_fs_type);
out_sysfs:
	strata_sysfs_exit();
out_wq:
	strata_index_wq_exit();
out_cache:
	strata_inode_cache_exit();
out:
	return err;
}

static void __exit strata_exit(void)
{
	strata_unregister_drop_in();
	unregister_filesystem(&strata_fs_type);
	strata_sysfs_exit();
	strata_index_wq_exit();
	strata_inode_cache_exit();
}

module_init(strata_init);
module_exit(strata_exit);

MODULE_DESCRIPTION("Strata: an overlayfs-compatible union filesystem");
MODULE_LICENSE("GPL");
MODULE_VERSION(STRATA_VERSION);
