// SPDX-License-Identifier: GPL-2.0-only
/*
 * The strata filesystem type: mount context, fill_super in steps, super
 * operations, and the module's init and exit ladder.
 */
#include "strata.h"
#include <linux/module.h>
#include <linux/magic.h>
#include <linux/seq_file.h>
#include <linux/statfs.h>

/* Releases everything a (possibly half-built) strata_fs holds. */
static void strata_free_fs(struct strata_fs *ofs)
{
	struct vfsmount **mounts;
	unsigned int i;

	if (!ofs)
		return;
	/* kern_unmount_array() waits for RCU walkers once for all layers. */
	mounts = kcalloc(ofs->num_lower, sizeof(*mounts), GFP_KERNEL);
	for (i = 0; i < ofs->num_lower; i++) {
		if (mounts)
			mounts[i] = ofs->lower[i].mnt;
		else
			kern_unmount(ofs->lower[i].mnt);
	}
	if (mounts) {
		kern_unmount_array(mounts, ofs->num_lower);
		kfree(mounts);
	}
	for (i = 0; ofs->lower_names && i < ofs->num_lower; i++)
		kfree(ofs->lower_names[i]);
	kfree(ofs->lower_names);
	kfree(ofs->lower);
	if (ofs->creator_cred)
		put_cred(ofs->creator_cred);
	kfree(ofs);
}

/* Context of fill_super; each step below does one part of it. */
struct strata_mount {
	struct fs_context *fc;
	struct super_block *sb;
	struct strata_fs *ofs;
	struct strata_fs_context *ctx;
	struct strata_entry *root;	/* lower roots, becomes the root inode's */
};

/* Step: refuse what Strata cannot honour yet, with the reason. */
static int strata_mount_check_opts(struct strata_mount *m)
{
	if (!m->ctx->num_lower)
		return invalfc(m->fc, "no lowerdir given: at least one lower layer is required");
	if (m->ctx->upper || m->ctx->work)
		return invalfc(m->fc, "upperdir/workdir: this version of strata mounts read-only unions of lower layers only");
	return 0;
}

/* Checks one resolved lower layer; @name is only for messages. */
static int strata_check_layer(struct strata_mount *m, const struct path *path,
			      const char *name)
{
	struct super_block *lsb = path->mnt->mnt_sb;

	if (!d_can_lookup(path->dentry))
		return invalfc(m->fc, "lowerdir \"%s\": not a directory", name);
	if (mnt_user_ns(path->mnt) != &init_user_ns)
		return invalfc(m->fc, "lowerdir \"%s\": idmapped layers are not supported", name);
	if (lsb->s_magic == PROC_SUPER_MAGIC)
		return invalfc(m->fc, "lowerdir \"%s\": /proc cannot be a layer", name);
	if (lsb->s_stack_depth + 1 > FILESYSTEM_MAX_STACK_DEPTH)
		return invalfc(m->fc, "lowerdir \"%s\": maximum fs stacking depth exceeded", name);
	return 0;
}

/* Gives @layer its fsid: the index of the first layer on the same fs. */
static void strata_assign_fsid(struct strata_fs *ofs, unsigned int idx)
{
	struct super_block *sb = ofs->lower[idx].mnt->mnt_sb;
	unsigned int i;

	for (i = 0; i < idx; i++) {
		if (ofs->lower[i].mnt->mnt_sb == sb) {
			ofs->lower[idx].fsid = ofs->lower[i].fsid;
			return;
		}
	}
	ofs->lower[idx].fsid = ofs->num_fs++;
}

/* Step: resolve, check and privately clone each lower layer. */
static int strata_mount_lowers(struct strata_mount *m)
{
	struct strata_fs *ofs = m->ofs;
	struct strata_fs_context *ctx = m->ctx;
	unsigned int i;
	int err;

	ofs->lower = kcalloc(ctx->num_lower, sizeof(*ofs->lower), GFP_KERNEL);
	m->root = strata_entry_alloc(ctx->num_lower);
	if (!ofs->lower || !m->root)
		return -ENOMEM;

	for (i = 0; i < ctx->num_lower; i++) {
		struct vfsmount *mnt;
		struct path path;

		err = kern_path(ctx->lower[i], LOOKUP_FOLLOW, &path);
		if (err)
			return invalfc(m->fc, "lowerdir \"%s\": %s", ctx->lower[i],
				       err == -ENOENT ? "no such directory" : "cannot be resolved");
		err = strata_check_layer(m, &path, ctx->lower[i]);
		if (!err) {
			mnt = clone_private_mount(&path);
			err = PTR_ERR_OR_ZERO(mnt);
		}
		if (err) {
			path_put(&path);
			return err;
		}
		/* Read-only, so nothing reached through strata can change a lower. */
		mnt->mnt_flags |= MNT_READONLY | MNT_NOATIME;
		ofs->lower[i].mnt = mnt;
		ofs->num_lower = i + 1;
		strata_assign_fsid(ofs, i);

		m->root->lower[i].layer = &ofs->lower[i];
		m->root->lower[i].dentry = path.dentry;	/* takes path's reference */
		m->root->num_lower = i + 1;
		mntput(path.mnt);

		m->sb->s_stack_depth = max(m->sb->s_stack_depth,
					   mnt->mnt_sb->s_stack_depth + 1);
	}

	/* Layer names move to the fs for show_options. */
	ofs->lower_names = ctx->lower;
	ctx->lower = NULL;
	ctx->num_lower = 0;
	return 0;
}

/*
 * Step: the st_ino scheme. Objects on one filesystem keep their real inode
 * numbers, which are unique there. With layers on several filesystems the
 * fsid goes into the top bits (see strata_ino()).
 */
static void strata_mount_xino(struct strata_mount *m)
{
	struct strata_fs *ofs = m->ofs;

	ofs->xino_shift = 64;
	if (ofs->num_fs > 1)
		ofs->xino_shift = 64 - ilog2(roundup_pow_of_two(ofs->num_fs));
}

static const struct super_operations strata_super_ops;

static int strata_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct strata_fs *ofs = STRATA_FS(dentry->d_sb);
	struct path top = {
		.mnt = ofs->lower[0].mnt,
		.dentry = ofs->lower[0].mnt->mnt_root,
	};
	const struct cred *old;
	int err;

	old = strata_override_creds(dentry->d_sb);
	err = strata_do_statfs(&top, buf);
	revert_creds(old);
	if (!err)
		buf->f_type = STRATA_SUPER_MAGIC;
	return err;
}

/* Step: the super block's own fields and its root. */
static int strata_mount_root(struct strata_mount *m)
{
	struct super_block *sb = m->sb;
	struct inode *inode;

	sb->s_magic = STRATA_SUPER_MAGIC;
	sb->s_op = &strata_super_ops;
	sb->s_xattr = strata_xattr_handlers;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_time_gran = 1;
	sb->s_flags |= SB_POSIXACL | SB_RDONLY;

	inode = strata_get_inode(sb, m->root);
	m->root = NULL;		/* owned by the inode, or freed on error */
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	sb->s_root = d_make_root(inode);
	return sb->s_root ? 0 : -ENOMEM;
}

static int strata_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct strata_mount m = {
		.fc = fc,
		.sb = sb,
		.ofs = sb->s_fs_info,
		.ctx = fc->fs_private,
	};
	int err;

	m.ofs->config = m.ctx->config;
	err = strata_mount_check_opts(&m);
	if (!err)
		err = strata_mount_lowers(&m);
	if (!err) {
		strata_mount_xino(&m);
		m.ofs->creator_cred = prepare_creds();
		if (!m.ofs->creator_cred)
			err = -ENOMEM;
	}
	if (!err)
		err = strata_mount_root(&m);
	/* On error, kill_sb frees what m.ofs already holds. */
	strata_entry_free(m.root);
	return err;
}

static int strata_get_tree(struct fs_context *fc)
{
	return get_tree_nodev(fc, strata_fill_super);
}

/*
 * Only the read-only state can change on remount. mount(2) callers such as
 * mount(8) repeat the options from the mount table, so options equal to the
 * mounted ones are accepted; any change is refused.
 */
static int strata_reconfigure(struct fs_context *fc)
{
	struct strata_fs_context *ctx = fc->fs_private;
	struct strata_fs *ofs = STRATA_FS(fc->root->d_sb);
	unsigned int i;

	if (ctx->num_lower) {
		bool same = ctx->num_lower == ofs->num_lower;

		for (i = 0; same && i < ctx->num_lower; i++)
			same = !strcmp(ctx->lower[i], ofs->lower_names[i]);
		if (!same)
			return invalfc(fc, "lowerdir cannot change on remount");
	}
	if (ctx->upper || ctx->work)
		return invalfc(fc, "upperdir/workdir cannot change on remount");
	if (ctx->config.userxattr != ofs->config.userxattr)
		return invalfc(fc, "userxattr cannot change on remount");
	if (!(fc->sb_flags & SB_RDONLY))
		return invalfc(fc, "read-write needs an upperdir; this mount has none");
	return 0;
}

static void strata_free_fc(struct fs_context *fc)
{
	struct strata_fs_context *ctx = fc->fs_private;

	strata_free_fs(fc->s_fs_info);
	if (ctx) {
		strata_fs_context_free_opts(ctx);
		kfree(ctx);
	}
}

static const struct fs_context_operations strata_context_ops = {
	.parse_monolithic = strata_parse_monolithic,
	.parse_param = strata_parse_param,
	.get_tree = strata_get_tree,
	.reconfigure = strata_reconfigure,
	.free = strata_free_fc,
};

int strata_init_fs_context(struct fs_context *fc)
{
	struct strata_fs_context *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	fc->fs_private = ctx;
	fc->ops = &strata_context_ops;

	/* A new mount needs its strata_fs; sget_fc() hands it to the sb. */
	if (fc->purpose == FS_CONTEXT_FOR_MOUNT) {
		fc->s_fs_info = kzalloc(sizeof(struct strata_fs), GFP_KERNEL);
		if (!fc->s_fs_info)
			return -ENOMEM;
	}
	return 0;
}

static const struct super_operations strata_super_ops = {
	.alloc_inode = strata_alloc_inode,
	.destroy_inode = strata_destroy_inode,
	.free_inode = strata_free_inode,
	.drop_inode = generic_delete_inode,
	.statfs = strata_statfs,
	.show_options = strata_show_options,
};

static void strata_kill_sb(struct super_block *sb)
{
	struct strata_fs *ofs = sb->s_fs_info;

	/* Inodes, and the real dentries they pin, go before the layers. */
	kill_anon_super(sb);
	strata_free_fs(ofs);
}

static struct file_system_type strata_fs_type = {
	.owner = THIS_MODULE,
	.name = "strata",
	.init_fs_context = strata_init_fs_context,
	.parameters = strata_param_spec,
	.kill_sb = strata_kill_sb,
};
MODULE_ALIAS_FS("strata");

static int __init strata_init(void)
{
	int err;

	err = strata_inode_cache_init();
	if (err)
		goto out;
	err = strata_sysfs_init();
	if (err)
		goto out_cache;
	err = register_filesystem(&strata_fs_type);
	if (err)
		goto out_sysfs;
	pr_info("version %s loaded\n", STRATA_VERSION);
	return 0;

out_sysfs:
	strata_sysfs_exit();
out_cache:
	strata_inode_cache_exit();
out:
	return err;
}

static void __exit strata_exit(void)
{
	unregister_filesystem(&strata_fs_type);
	strata_sysfs_exit();
	strata_inode_cache_exit();
}

module_init(strata_init);
module_exit(strata_exit);

MODULE_DESCRIPTION("Strata: an overlayfs-compatible union filesystem");
MODULE_LICENSE("GPL");
MODULE_VERSION(STRATA_VERSION);
