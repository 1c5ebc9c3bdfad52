// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mounting: the mount context, fill_super in steps, and the super
 * operations.
 */
#include "strata.h"
#include <linux/module.h>
#include <linux/magic.h>
#include <linux/seq_file.h>
#include <linux/statfs.h>

/*
 * Exclusive use of an upper or work directory, shared with overlayfs's flag
 * so that neither filesystem writes into a directory the other uses.
 */
static struct dentry *strata_inuse_get(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	bool locked;

	spin_lock(&inode->i_lock);
	locked = !(inode->i_state & I_OVL_INUSE);
	if (locked)
		inode->i_state |= I_OVL_INUSE;
	spin_unlock(&inode->i_lock);
	return locked ? dget(dentry) : NULL;
}

/* Releases what strata_inuse_get() took; NULL is fine. */
static void strata_inuse_put(struct dentry *dentry)
{
	struct inode *inode;

	if (!dentry)
		return;
	inode = d_inode(dentry);
	spin_lock(&inode->i_lock);
	WARN_ON_ONCE(!(inode->i_state & I_OVL_INUSE));
	inode->i_state &= ~I_OVL_INUSE;
	spin_unlock(&inode->i_lock);
	dput(dentry);
}

/* Releases everything a (possibly half-built) strata_fs holds. */
static void strata_free_fs(struct strata_fs *ofs)
{
	struct vfsmount **mounts;
	unsigned int i, n = 0;

	if (!ofs)
		return;
	dput(ofs->work);
	dput(ofs->indexdir);
	strata_inuse_put(ofs->upperdir);
	strata_inuse_put(ofs->workdir);

	/* kern_unmount_array() waits for RCU walkers once for all layers. */
	mounts = kcalloc(ofs->num_lower + 1, sizeof(*mounts), GFP_KERNEL);
	if (ofs->upper.mnt && mounts)
		mounts[n++] = ofs->upper.mnt;
	else if (ofs->upper.mnt)
		kern_unmount(ofs->upper.mnt);
	for (i = 0; i < ofs->num_lower; i++) {
		if (mounts)
			mounts[n++] = ofs->lower[i].mnt;
		else
			kern_unmount(ofs->lower[i].mnt);
	}
	if (mounts) {
		kern_unmount_array(mounts, n);
		kfree(mounts);
	}
	for (i = 0; ofs->lower_names && i < ofs->num_lower; i++)
		kfree(ofs->lower_names[i]);
	kfree(ofs->lower_names);
	kfree(ofs->upper_name);
	kfree(ofs->work_name);
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
	struct path upper, work;	/* resolved, empty without upperdir */
	struct dentry *upper_root;	/* the root's upper, then the inode's */
	struct strata_entry *root;	/* lower layer roots, then the inode's */
};

/* Step: options that only make sense together. */
static int strata_mount_check_opts(struct strata_mount *m)
{
	struct strata_fs_context *ctx = m->ctx;

	if (!ctx->num_lower)
		return invalfc(m->fc, "no lowerdir given: at least one lower layer is required");
	if (ctx->upper && !ctx->work)
		return invalfc(m->fc, "upperdir needs a workdir: an empty directory on the same mount as the upperdir");
	/* Ignored with a word, as overlayfs ignores it. */
	if (ctx->work && !ctx->upper) {
		infofc(m->fc, "workdir \"%s\" ignored: a union without an upperdir uses none",
		       ctx->work);
		kfree(ctx->work);
		ctx->work = NULL;
	}
	return 0;
}

/*
 * Resolves a layer directory named by option @key and checks what every
 * layer must satisfy. On success @path holds a reference; on failure it is
 * empty, so that a caller's cleanup may put it either way.
 */
static int strata_resolve_dir(struct strata_mount *m, const char *key,
			      const char *name, struct path *path)
{
	struct super_block *lsb;
	int err;

	/* The lookup's own error (ENOENT, EACCES, ...), as overlayfs gives. */
	err = kern_path(name, LOOKUP_FOLLOW, path);
	if (err) {
		errorfc(m->fc, "%s \"%s\": %s (%d)", key, name,
			err == -ENOENT ? "no such directory" : "cannot be resolved", err);
		return err;
	}
	lsb = path->mnt->mnt_sb;
	if (!d_can_lookup(path->dentry))
		err = invalfc(m->fc, "%s \"%s\": not a directory", key, name);
	else if (strata_sb_casefolds(lsb) || strata_dentry_weird(path->dentry))
		err = invalfc(m->fc, "%s \"%s\": its filesystem compares names in its own way (case-insensitive, or a custom d_compare): not supported as a layer",
			      key, name);
	else if (lsb->s_magic == PROC_SUPER_MAGIC)
		err = invalfc(m->fc, "%s \"%s\": /proc cannot be a layer", key, name);
	else if (lsb->s_stack_depth + 1 > FILESYSTEM_MAX_STACK_DEPTH)
		err = invalfc(m->fc, "%s \"%s\": maximum fs stacking depth exceeded", key, name);
	if (err) {
		path_put(path);
		*path = (struct path){};
	}
	return err;
}

/* Whether two directories are one inside the other (or the same). */
static bool strata_nested(struct dentry *a, struct dentry *b)
{
	return a->d_sb == b->d_sb && (is_subdir(a, b) || is_subdir(b, a));
}

/*
 * A lower layer inside another (lowerdir=/l:/l/sub) would show one object
 * under two names, with one inode for both: refused with ELOOP, as
 * overlayfs does; so is the same directory twice, as there.
 */
static int strata_check_lower_nesting(struct strata_mount *m,
				      const struct path *path, unsigned int n)
{
	struct strata_fs *ofs = m->ofs;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct dentry *other = ofs->lower[i].mnt->mnt_root;

		if (!strata_nested(other, path->dentry))
			continue;
		errorfc(m->fc, "lowerdir \"%s\" and \"%s\" overlap (the same directory, or one inside the other)",
			m->ctx->lower[i], m->ctx->lower[n]);
		return -ELOOP;
	}
	return 0;
}

/*
 * Gives @layer its fsid: 0 on the upper's filesystem, that of an earlier
 * lower on the same filesystem, else the next one (ofs->num_fs starts at
 * 1: overlayfs keeps 0 for the upper even without one).
 */
static void strata_assign_fsid(struct strata_fs *ofs, struct strata_layer *layer)
{
	struct super_block *sb = layer->mnt->mnt_sb;
	unsigned int i;

	if (layer == &ofs->upper ||
	    (ofs->upper.mnt && ofs->upper.mnt->mnt_sb == sb)) {
		layer->fsid = 0;
		return;
	}
	for (i = 0; &ofs->lower[i] != layer && i < ofs->num_lower; i++) {
		if (ofs->lower[i].mnt->mnt_sb == sb) {
			layer->fsid = ofs->lower[i].fsid;
			return;
		}
	}
	layer->fsid = ofs->num_fs++;
}

/*
 * Clones @path's mount privately for @layer and keeps the layer's root:
 * the upper's as m->upper_root, a lower's at @idx of the root entry.
 * Takes over @path's dentry reference.
 */
static int strata_add_layer_root(struct strata_mount *m,
				 struct strata_layer *layer, struct path *path,
				 unsigned int idx)
{
	struct vfsmount *mnt = clone_private_mount(path);
	bool upper = layer == &m->ofs->upper;

	if (IS_ERR(mnt)) {
		path_put(path);
		return PTR_ERR(mnt);
	}
	/*
	 * Lowers are read-only, so that nothing reached through strata
	 * changes them. The upper's atime follows strata's own mount flags.
	 */
	if (upper)
		mnt->mnt_flags &= ~(MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME);
	else
		mnt->mnt_flags |= MNT_READONLY | MNT_NOATIME;
	layer->mnt = mnt;
	strata_assign_fsid(m->ofs, layer);
	m->sb->s_stack_depth = max(m->sb->s_stack_depth,
				   mnt->mnt_sb->s_stack_depth + 1);

	if (upper) {
		m->upper_root = path->dentry;
	} else {
		m->root->lower[idx].layer = layer;
		m->root->lower[idx].dentry = path->dentry;
		m->root->num_lower = idx + 1;
	}
	mntput(path->mnt);
	return 0;
}

/* Step: resolve and check upperdir and workdir, and take them for this mount. */
static int strata_mount_upper(struct strata_mount *m)
{
	struct strata_fs_context *ctx = m->ctx;
	struct strata_fs *ofs = m->ofs;
	const char *xattr = strata_xattr_name(ofs, STRATA_XATTR_OPAQUE);
	ssize_t res;
	int err;

	if (!ctx->upper)
		return 0;
	err = strata_resolve_dir(m, "upperdir", ctx->upper, &m->upper);
	if (!err)
		err = strata_resolve_dir(m, "workdir", ctx->work, &m->work);
	if (err)
		return err;

	if (m->work.mnt != m->upper.mnt)
		return invalfc(m->fc, "workdir \"%s\": must be on the same mount as upperdir \"%s\"",
			       ctx->work, ctx->upper);
	if (strata_nested(m->work.dentry, m->upper.dentry))
		return invalfc(m->fc, "workdir \"%s\" and upperdir \"%s\": neither may be inside the other",
			       ctx->work, ctx->upper);
	res = strata_do_getxattr(strata_mnt_idmap(m->upper.mnt), m->upper.dentry,
				 xattr, NULL, 0);
	if (res == -EOPNOTSUPP)
		return invalfc(m->fc, "upperdir \"%s\": its filesystem has no %s xattrs, where whiteout and opaque marks live",
			       ctx->upper, ofs->config.userxattr ? "user" : "trusted");
	if (!(m->fc->sb_flags & SB_RDONLY) && __mnt_is_readonly(m->upper.mnt))
		return invalfc(m->fc, "upperdir \"%s\": on a read-only mount; mount the union read-only (-o ro) or the upper's filesystem read-write",
			       ctx->upper);

	/* One writer per upper: a second mount on either directory fails. */
	ofs->upperdir = strata_inuse_get(m->upper.dentry);
	if (!ofs->upperdir) {
		errorfc(m->fc, "upperdir \"%s\" is in use by another mount", ctx->upper);
		return -EBUSY;
	}
	ofs->workdir = strata_inuse_get(m->work.dentry);
	if (!ofs->workdir) {
		errorfc(m->fc, "workdir \"%s\" is in use by another mount", ctx->work);
		return -EBUSY;
	}
	/* An upper on a read-only fs can still top a read-only union; such
	 * a union has no workdir (ofs->work) and cannot become writable.
	 */
	if (__mnt_is_readonly(m->work.mnt))
		return 0;
	return strata_prepare_workdir(m->fc, &m->work, ofs);
}

/* Step: resolve, check and privately clone every layer, upper first. */
static int strata_mount_layers(struct strata_mount *m)
{
	struct strata_fs *ofs = m->ofs;
	struct strata_fs_context *ctx = m->ctx;
	unsigned int i;
	int err;

	ofs->lower = kcalloc(ctx->num_lower, sizeof(*ofs->lower), GFP_KERNEL);
	m->root = strata_entry_alloc(ctx->num_lower);
	ofs->num_fs = 1;	/* fsid 0: the upper's filesystem */
	if (!ofs->lower || !m->root)
		return -ENOMEM;

	if (m->upper.dentry) {
		err = strata_add_layer_root(m, &ofs->upper, &m->upper, 0);
		m->upper = (struct path){};	/* consumed either way */
		if (err)
			return err;
	}

	for (i = 0; i < ctx->num_lower; i++) {
		struct path path;

		err = strata_resolve_dir(m, "lowerdir", ctx->lower[i], &path);
		if (err)
			return err;
		if (m->upper_root &&
		    (strata_nested(path.dentry, m->upper_root) ||
		     strata_nested(path.dentry, m->work.dentry))) {
			path_put(&path);
			errorfc(m->fc, "lowerdir \"%s\" overlaps upperdir or workdir",
				ctx->lower[i]);
			return -ELOOP;
		}
		err = strata_check_lower_nesting(m, &path, i);
		if (err) {
			path_put(&path);
			return err;
		}
		err = strata_add_layer_root(m, &ofs->lower[i], &path, i);
		if (err)
			return err;
		ofs->num_lower = i + 1;
	}

	/* Layer names move to the fs for show_options and remount. */
	ofs->lower_names = ctx->lower;
	ctx->lower = NULL;
	ctx->num_lower = 0;
	swap(ofs->upper_name, ctx->upper);
	swap(ofs->work_name, ctx->work);
	return 0;
}

/*
 * Marks lowers whose filesystem's uuid cannot name it in an origin record
 * (origin.c): a null uuid, or one that two lower filesystems share. Only
 * lowers off the upper's filesystem, and only with an upper: there is
 * nothing to follow otherwise. As overlayfs decides it with index=off.
 */
static void strata_mount_check_uuids(struct strata_fs *ofs)
{
	unsigned int i, j;

	if (!ofs->upper.mnt)
		return;
	for (i = 0; i < ofs->num_lower; i++) {
		struct strata_layer *l = &ofs->lower[i];
		const uuid_t *uuid = &l->mnt->mnt_sb->s_uuid;

		if (!l->fsid)
			continue;
		l->bad_uuid |= uuid_is_null(uuid);
		for (j = 0; j < ofs->num_lower; j++) {
			struct strata_layer *o = &ofs->lower[j];

			if (o->fsid && o->fsid != l->fsid &&
			    uuid_equal(&o->mnt->mnt_sb->s_uuid, uuid))
				l->bad_uuid = true;
		}
		if (l->bad_uuid)
			pr_warn("lower layer %s: its filesystem's uuid is %s; copies from it cannot be traced back to it, and show their own inode numbers\n",
				ofs->lower_names[i], uuid_is_null(uuid) ?
				"null" : "shared with another lower filesystem");
	}
}

/*
 * Step: the st_ino scheme, overlayfs's with xino. Objects on one
 * filesystem keep their real inode numbers, which are unique there.
 * Otherwise the fsid goes into the top bits (see strata_ino()): above bit
 * 32 where every layer's filesystem has 32-bit inode numbers, else in as
 * few bits as the fsids need.
 */
static void strata_mount_xino(struct strata_mount *m)
{
	struct strata_fs *ofs = m->ofs;
	bool ino32 = !ofs->upper.mnt || strata_fs_ino32(ofs->upper.mnt->mnt_sb);
	unsigned int i;

	for (i = 0; i < ofs->num_lower; i++)
		ino32 &= strata_fs_ino32(ofs->lower[i].mnt->mnt_sb);
	ofs->samefs = ofs->num_fs - !ofs->upper.mnt == 1;
	if (ofs->samefs)
		ofs->xino_bits = 0;
	else if (ino32)
		ofs->xino_bits = 32;
	else
		ofs->xino_bits = ilog2(ofs->num_fs - 1) + 2;
	strata_mount_check_uuids(ofs);
}

static const struct super_operations strata_super_ops;

/* The top layer answers: the upper where there is one. */
static int strata_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	const struct cred *old;
	struct path top;
	int err;

	strata_i_realpath(d_inode(dentry->d_sb->s_root), &top);
	old = strata_override_creds(dentry->d_sb);
	err = strata_do_statfs(&top, buf);
	strata_revert_creds(old);
	if (!err)
		buf->f_type = dentry->d_sb->s_magic;
	return err;
}

/* Step: the super block's own fields and its root. */
static int strata_mount_root(struct strata_mount *m)
{
	struct super_block *sb = m->sb;
	struct inode *inode;

	sb->s_magic = strata_fs_type_magic(sb->s_type);
	sb->s_op = &strata_super_ops;
	sb->s_xattr = strata_xattr_handlers;
	sb->s_d_op = &strata_dentry_ops;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_time_gran = 1;
	sb->s_flags |= SB_POSIXACL;
	if (!m->upper_root)
		sb->s_flags |= SB_RDONLY;

	inode = strata_get_inode(sb, m->upper_root, m->root, 0);
	m->root = NULL;		/* owned by the inode, or freed on error */
	m->upper_root = NULL;
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	/* The root is the upper's own, as in overlayfs: the upper root is
	 * never a copy of a lower one. */
	if (strata_i_upper(inode))
		inode->i_ino = strata_ino(m->ofs, &m->ofs->upper,
					  strata_i_real(inode)->i_ino);
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
		err = strata_mount_upper(&m);
	if (!err)
		err = strata_mount_layers(&m);
	if (!err) {
		strata_mount_xino(&m);
		err = strata_hl_setup(fc, m.ofs);
	}
	if (!err) {
		m.ofs->creator_cred = prepare_creds();
		if (!m.ofs->creator_cred)
			err = -ENOMEM;
	}
	if (!err)
		err = strata_mount_root(&m);
	/* On error, kill_sb frees what m.ofs already holds. */
	strata_entry_free(m.root);
	dput(m.upper_root);
	path_put(&m.upper);
	path_put(&m.work);
	return err;
}

static int strata_get_tree(struct fs_context *fc)
{
	struct strata_fs_context *ctx = fc->fs_private;
	int err;

	err = strata_userns_check_fc(fc);
	if (!err)
		err = strata_userns_check_mount(fc, &ctx->config);
	if (err)
		return err;
	return get_tree_nodev(fc, strata_fill_super);
}

/*
 * Only the read-only state can change on remount. mount(2) callers such as
 * mount(8) repeat the options from the mount table, so options equal to the
 * mounted ones are accepted; any change is refused. A remount that gives
 * none of Strata's options (only ro, rw, nosuid, ...) changes none.
 */
static int strata_reconfigure_options(struct fs_context *fc)
{
	struct strata_fs_context *ctx = fc->fs_private;
	struct strata_fs *ofs = STRATA_FS(fc->root->d_sb);
	unsigned int i;

	if (!ctx->options_given)
		return 0;
	if (ctx->num_lower) {
		bool same = ctx->num_lower == ofs->num_lower;

		for (i = 0; same && i < ctx->num_lower; i++)
			same = !strcmp(ctx->lower[i], ofs->lower_names[i]);
		if (!same)
			return invalfc(fc, "lowerdir cannot change on remount");
	}
	if ((ctx->upper && strcmp(ctx->upper, ofs->upper_name ?: "")) ||
	    (ctx->work && strcmp(ctx->work, ofs->work_name ?: "")))
		return invalfc(fc, "upperdir/workdir cannot change on remount");
	if (ctx->config.userxattr != ofs->config.userxattr ||
	    ctx->config.default_permissions != ofs->config.default_permissions ||
	    ctx->config.uuid != ofs->config.uuid ||
	    ctx->config.aufs_whiteouts != ofs->config.aufs_whiteouts ||
	    (ctx->index_given && ctx->config.index != ofs->config.index))
		return invalfc(fc, "userxattr, default_permissions, uuid, aufs_whiteouts and index cannot change on remount");
	return 0;
}

/*
 * Going read-write needs the workdir, which mount prepared if the upper
 * was writable then; a union that cannot be writable answers EROFS, as
 * overlayfs does.
 */
static int strata_reconfigure(struct fs_context *fc)
{
	struct strata_fs *ofs = STRATA_FS(fc->root->d_sb);
	int err = strata_reconfigure_options(fc);

	if (err || (fc->sb_flags & SB_RDONLY))
		return err;
	if (!ofs->upper.mnt) {
		errorfc(fc, "read-write needs an upperdir; this mount has none");
		return -EROFS;
	}
	if (!ofs->work) {
		errorfc(fc, "read-write: the upper was read-only at mount, so the workdir was never prepared; mount again");
		return -EROFS;
	}
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
	ctx->config.index = strata_index_default();

	/* A new mount needs its strata_fs; sget_fc() hands it to the sb. */
	if (fc->purpose == FS_CONTEXT_FOR_MOUNT) {
		fc->s_fs_info = kzalloc(sizeof(struct strata_fs), GFP_KERNEL);
		if (!fc->s_fs_info)
			return -ENOMEM;
		strata_cache_init_fs(fc->s_fs_info);
	}
	return 0;
}

/*
 * sync(2) and syncfs(2) on strata reach the upper filesystem; the lowers
 * are never written through strata.
 */
static int strata_sync_fs(struct super_block *sb, int wait)
{
	struct strata_fs *ofs = STRATA_FS(sb);
	struct super_block *upper_sb;
	int err;

	if (!ofs->upper.mnt || !wait || sb_rdonly(sb))
		return 0;
	upper_sb = ofs->upper.mnt->mnt_sb;
	down_read(&upper_sb->s_umount);
	err = sync_filesystem(upper_sb);
	up_read(&upper_sb->s_umount);
	return err;
}

static const struct super_operations strata_super_ops = {
	.alloc_inode = strata_alloc_inode,
	.destroy_inode = strata_destroy_inode,
	.free_inode = strata_free_inode,
	.drop_inode = generic_delete_inode,
	.statfs = strata_statfs,
	.sync_fs = strata_sync_fs,
	.show_options = strata_show_options,
	.nr_cached_objects = strata_nr_cached_objects,
	.free_cached_objects = strata_free_cached_objects,
};

void strata_kill_sb(struct super_block *sb)
{
	struct strata_fs *ofs = sb->s_fs_info;

	/* Inodes, and the real dentries they pin, go before the layers. */
	kill_anon_super(sb);
	strata_free_fs(ofs);
}
