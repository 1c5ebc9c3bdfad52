// SPDX-License-Identifier: GPL-2.0-only
/*
 * The work directory: Strata's private area on the upper filesystem, where
 * copy-up builds a file before renaming it into place, and where new
 * objects and whiteouts are made before they are renamed into the upper
 * (strata_work_temp(), strata_work_whiteout()). Its layout is overlayfs's:
 * WORKDIR/work holds the staging entries, so either filesystem may mount an
 * upper the other left behind.
 *
 * At mount, whatever an interrupted copy-up left in WORKDIR/work is removed,
 * and the upper filesystem is tried for what writing a union needs: d_type in
 * readdir (to find whiteouts), xattrs that can be set (opaque marks) and
 * rename with RENAME_WHITEOUT (moving a lower file away).
 *
 * The mount-time steps run in fill_super as the mounter, with no strata lock
 * held. Each locks one real directory at a time, as a parent
 * (I_MUTEX_PARENT).
 */
#include "strata.h"

#define STRATA_WORK_NAME	"work"
#define STRATA_INCOMPAT_NAME	"incompat"
#define STRATA_DTYPE_PROBE	"#strata-dtype-probe"
#define STRATA_WHITEOUT_PROBE	"#strata-whiteout-probe"
/* Leftovers are a few levels deep at most; deeper means a foreign tree. */
#define STRATA_CLEANUP_DEPTH	8

/* Looks @name up in @dir, which the caller has locked. */
static struct dentry *strata_work_lookup(const struct path *dir,
					 const char *name)
{
	return strata_do_lookup_locked(strata_mnt_idmap(dir->mnt), name,
				       strlen(name), dir->dentry);
}

static int strata_work_empty(const struct path *dir, int depth);

/*
 * Removes @name from @dir: a file outright, a directory after emptying it.
 * The type comes from a lookup, not from d_type, which a filesystem may
 * not report; the directory is emptied with no lock held.
 */
static int strata_work_remove(const struct path *dir, struct strata_name *p,
			      int depth)
{
	strata_idmap_t *idmap = strata_mnt_idmap(dir->mnt);
	struct inode *dinode = d_inode(dir->dentry);
	struct path sub = { .mnt = dir->mnt };
	struct dentry *child;
	int err = 0;

	inode_lock_nested(dinode, I_MUTEX_PARENT);
	sub.dentry = strata_work_lookup(dir, p->name);
	inode_unlock(dinode);
	if (IS_ERR(sub.dentry))
		return PTR_ERR(sub.dentry);
	if (d_is_dir(sub.dentry))
		err = strata_work_empty(&sub, depth + 1);
	dput(sub.dentry);
	if (err)
		return err;

	inode_lock_nested(dinode, I_MUTEX_PARENT);
	child = strata_work_lookup(dir, p->name);
	err = PTR_ERR(child);
	if (!IS_ERR(child)) {
		err = 0;
		if (d_is_dir(child))
			err = strata_do_rmdir(idmap, dinode, child);
		else if (d_is_positive(child))
			err = strata_do_unlink(idmap, dinode, child);
		dput(child);
	}
	inode_unlock(dinode);
	return err;
}

/* Removes @p from @dir, and all it holds: what a crash left behind. */
int strata_work_remove_name(const struct path *dir, struct strata_name *p)
{
	return strata_work_remove(dir, p, 0);
}

static int strata_work_remove_each(const struct path *dir,
				   struct strata_name *p, void *depth)
{
	return strata_work_remove(dir, p, *(int *)depth);
}

/* Removes everything inside @dir, depth first. */
static int strata_work_empty(const struct path *dir, int depth)
{
	if (depth > STRATA_CLEANUP_DEPTH)
		return -ELOOP;
	return strata_names_each(dir, strata_work_remove_each, &depth);
}

static int strata_work_refuse_incompat(const struct path *dir,
				       struct strata_name *p, void *fc)
{
	return invalfc((struct fs_context *)fc, "workdir: %s/%s/%.*s marks an upper with an incompatible feature (an overlayfs volatile mount's, for one); it cannot be mounted",
		       STRATA_WORK_NAME, STRATA_INCOMPAT_NAME, p->len, p->name);
}

/*
 * overlayfs marks an upper it must not reuse as it is with a non-empty
 * WORKDIR/work/incompat (incompat/volatile: a volatile mount, whose upper
 * may have lost writes in a crash). Refuse such a workdir, naming the
 * feature, as overlayfs does, instead of wiping the mark.
 */
static int strata_work_check_incompat(struct fs_context *fc,
				      const struct path *work)
{
	struct path incompat = { .mnt = work->mnt };
	struct inode *dir = d_inode(work->dentry);
	int err;

	inode_lock_nested(dir, I_MUTEX_PARENT);
	incompat.dentry = strata_work_lookup(work, STRATA_INCOMPAT_NAME);
	inode_unlock(dir);
	if (IS_ERR(incompat.dentry))
		return PTR_ERR(incompat.dentry);
	err = 0;
	if (d_is_dir(incompat.dentry))
		err = strata_names_each(&incompat, strata_work_refuse_incompat,
					fc);
	dput(incompat.dentry);
	return err;
}

/**
 * strata_work_temp - a negative dentry for a new temporary name in work
 * @ofs: the mount; the caller holds ofs->work's inode lock
 */
struct dentry *strata_work_temp(struct strata_fs *ofs)
{
	static atomic_t counter = ATOMIC_INIT(0);
	char name[24];
	struct dentry *temp;
	int len;

	lockdep_assert_held_write(&d_inode(ofs->work)->i_rwsem);
	len = snprintf(name, sizeof(name), "#s%x", atomic_inc_return(&counter));
	temp = strata_do_lookup_locked(strata_upper_idmap(ofs), name, len,
				       ofs->work);
	if (!IS_ERR(temp) && d_is_positive(temp)) {
		dput(temp);
		temp = ERR_PTR(-EEXIST);	/* a leftover; the next mount cleans it */
	}
	return temp;
}

/* A whiteout in work, ready to be renamed into place. */
struct dentry *strata_work_whiteout(struct strata_fs *ofs)
{
	struct inode *wdir = d_inode(ofs->work);
	struct dentry *wh;
	int err;

	inode_lock_nested(wdir, I_MUTEX_PARENT);
	wh = strata_work_temp(ofs);
	if (!IS_ERR(wh)) {
		err = strata_do_whiteout(strata_upper_idmap(ofs), wdir, wh);
		if (err) {
			dput(wh);
			wh = ERR_PTR(err);
		}
	}
	inode_unlock(wdir);
	return wh;
}

/* Removes the ACL @name from @work; absent or unsupported is fine. */
static int strata_work_remove_acl(const struct path *work, const char *name)
{
	strata_idmap_t *idmap = strata_mnt_idmap(work->mnt);
	int err = STRATA_ACL_OPS_IN_XATTR ?
		  strata_do_removexattr(idmap, work->dentry, name) :
		  strata_do_set_acl(idmap, work->dentry, name, NULL);

	return (err == -ENODATA || err == -EOPNOTSUPP) ? 0 : err;
}

/*
 * WORKDIR/work as overlayfs leaves it: mode 0 and no ACLs. What is built
 * there (copy-ups, objects made over whiteouts) would otherwise inherit a
 * default ACL of work, and a user could reach it through a kept mode.
 */
static int strata_work_sanitise(const struct path *work)
{
	struct iattr mode = { .ia_valid = ATTR_MODE, .ia_mode = S_IFDIR | 0 };
	int err;

	err = strata_work_remove_acl(work, XATTR_NAME_POSIX_ACL_DEFAULT);
	if (!err)
		err = strata_work_remove_acl(work, XATTR_NAME_POSIX_ACL_ACCESS);
	if (err)
		return err;
	inode_lock(d_inode(work->dentry));
	err = strata_do_setattr(strata_mnt_idmap(work->mnt), work->dentry, &mode);
	inode_unlock(d_inode(work->dentry));
	return err;
}

/*
 * Creates (or finds) the directory WORKDIR/@name (work, or index for
 * index=on); *@sub gets a reference to it.
 */
int strata_workdir_subdir(const struct path *workdir, const char *name,
			  struct dentry **sub)
{
	struct inode *dir = d_inode(workdir->dentry);
	struct dentry *d;
	int err = 0;

	inode_lock_nested(dir, I_MUTEX_PARENT);
	d = strata_work_lookup(workdir, name);
	if (!IS_ERR(d) && d_is_negative(d))
		err = strata_do_mkdir(strata_mnt_idmap(workdir->mnt), dir, d, 0);
	inode_unlock(dir);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!err && !d_is_dir(d))
		err = -ENOTDIR;
	if (err) {
		dput(d);
		return err;
	}
	*sub = d;
	return 0;
}

struct strata_dtype_check {
	struct dir_context ctx;
	unsigned int type;
};

static bool strata_dtype_actor(struct dir_context *ctx, const char *name,
			       int len, loff_t pos, u64 ino, unsigned int type)
{
	struct strata_dtype_check *c =
		container_of(ctx, struct strata_dtype_check, ctx);

	if (len == sizeof(STRATA_DTYPE_PROBE) - 1 &&
	    !memcmp(name, STRATA_DTYPE_PROBE, len))
		c->type = type;
	return true;
}

/* Whether readdir on the upper's filesystem reports d_type (on @work). */
static int strata_work_check_dtype(const struct path *work, bool *has_dtype)
{
	struct strata_dtype_check c = {
		.ctx.actor = strata_dtype_actor,
		.type = DT_UNKNOWN,
	};
	strata_idmap_t *idmap = strata_mnt_idmap(work->mnt);
	struct inode *dir = d_inode(work->dentry);
	struct dentry *probe;
	struct file *f;
	int err;

	inode_lock_nested(dir, I_MUTEX_PARENT);
	probe = strata_work_lookup(work, STRATA_DTYPE_PROBE);
	err = PTR_ERR_OR_ZERO(probe);
	if (!err)
		err = strata_do_create(idmap, dir, probe, S_IFREG | 0);
	inode_unlock(dir);
	if (!err) {
		f = strata_do_open_dir(work);
		err = PTR_ERR_OR_ZERO(f);
		if (!err) {
			err = strata_do_iterate(f, &c.ctx);
			fput(f);
		}
		inode_lock_nested(dir, I_MUTEX_PARENT);
		err = strata_do_unlink(idmap, dir, probe) ?: err;
		inode_unlock(dir);
	}
	if (!IS_ERR(probe))
		dput(probe);
	*has_dtype = c.type == DT_REG;
	return err;
}

/* Whether the opaque mark can be set on the upper's filesystem (on @work). */
static int strata_work_check_xattr(struct strata_fs *ofs,
				   const struct path *work)
{
	const char *name = strata_xattr_name(ofs, STRATA_XATTR_OPAQUE);
	strata_idmap_t *idmap = strata_mnt_idmap(work->mnt);
	int err;

	err = strata_do_setxattr(idmap, work->dentry, name, "y", 1, 0);
	if (!err)
		err = strata_do_removexattr(idmap, work->dentry, name);
	return err;
}

/* Looks @name up in locked @work and removes it if it is there. */
static int strata_work_unlink_name(const struct path *work, const char *name,
				   bool *was_whiteout)
{
	struct dentry *d = strata_work_lookup(work, name);
	int err = 0;

	if (IS_ERR(d))
		return PTR_ERR(d);
	if (was_whiteout)
		*was_whiteout = strata_is_whiteout(d);
	if (d_is_positive(d))
		err = strata_do_unlink(strata_mnt_idmap(work->mnt),
				       d_inode(work->dentry), d);
	dput(d);
	return err;
}

/*
 * Whether the upper's filesystem supports RENAME_WHITEOUT, tried in @work:
 * a file renamed with it must leave a whiteout under its old name. The
 * rename moves the dentries, so both names are looked up again after it.
 */
static int strata_work_check_whiteout(const struct path *work, bool *works)
{
	strata_idmap_t *idmap = strata_mnt_idmap(work->mnt);
	struct inode *dir = d_inode(work->dentry);
	struct dentry *from, *to = NULL;
	int err;

	*works = false;
	inode_lock_nested(dir, I_MUTEX_PARENT);
	from = strata_work_lookup(work, STRATA_WHITEOUT_PROBE);
	err = PTR_ERR_OR_ZERO(from);
	if (!err) {
		to = strata_work_lookup(work, STRATA_WHITEOUT_PROBE "2");
		err = PTR_ERR_OR_ZERO(to);
	}
	if (!err)
		err = strata_do_create(idmap, dir, from, S_IFREG | 0);
	if (!err) {
		err = strata_do_rename(idmap, dir, from, dir, to,
				       RENAME_WHITEOUT);
		if (err == -EINVAL || err == -EOPNOTSUPP)
			err = 0;	/* not supported: *works stays false */
		err = strata_work_unlink_name(work, STRATA_WHITEOUT_PROBE, works) ?: err;
		err = strata_work_unlink_name(work, STRATA_WHITEOUT_PROBE "2", NULL) ?: err;
	}
	inode_unlock(dir);
	if (!IS_ERR_OR_NULL(to))
		dput(to);
	if (!IS_ERR(from))
		dput(from);
	return err;
}

/**
 * strata_work_cleanup - remove an entry of WORKDIR/work and all it holds
 * @ofs:    the mount
 * @victim: a child of ofs->work; the caller holds a reference
 *
 * Called with no lock held; used for what a replacement moved out of the
 * upper (an emptied directory, a whiteout, a failed copy). A directory is
 * emptied first, each level locked on its own.
 */
int strata_work_cleanup(struct strata_fs *ofs, struct dentry *victim)
{
	strata_idmap_t *idmap = strata_upper_idmap(ofs);
	struct inode *dir = d_inode(ofs->work);
	int err = 0;

	if (d_is_dir(victim)) {
		struct path sub = { .mnt = ofs->upper.mnt, .dentry = victim };

		err = strata_work_empty(&sub, 1);
	}
	inode_lock_nested(dir, I_MUTEX_PARENT);
	if (victim->d_parent != ofs->work || d_unhashed(victim))
		err = err ?: -ESTALE;
	else if (d_is_dir(victim))
		err = err ?: strata_do_rmdir(idmap, dir, victim);
	else if (d_is_positive(victim))
		err = strata_do_unlink(idmap, dir, victim);
	inode_unlock(dir);
	if (err)
		pr_warn_ratelimited("cannot remove %pd from the workdir (%d); the next mount will\n",
				    victim, err);
	return err;
}

/**
 * strata_prepare_workdir - make WORKDIR/work ready and check the upper fs
 * @fc:      for the reasons of a refusal
 * @workdir: the resolved workdir, on a writable mount
 * @ofs:     the mount being set up (for its xattr names)
 */
int strata_prepare_workdir(struct fs_context *fc, const struct path *workdir,
			   struct strata_fs *ofs)
{
	struct path work = { .mnt = workdir->mnt };
	bool has_dtype, has_whiteout;
	int err;

	err = strata_do_want_write(workdir->mnt);
	if (err)
		return invalfc(fc, "workdir: its filesystem is not writable (%d)", err);

	err = strata_workdir_subdir(workdir, STRATA_WORK_NAME, &work.dentry);
	if (err) {
		errorfc(fc, "workdir: cannot create %s in it (%d)", STRATA_WORK_NAME, err);
		goto out_drop_write;
	}
	err = strata_work_check_incompat(fc, &work);
	if (err)
		goto out_dput;
	err = strata_work_empty(&work, 0);
	if (err) {
		errorfc(fc, "workdir: cannot remove what an earlier mount left in %s (%d)",
			STRATA_WORK_NAME, err);
		goto out_dput;
	}
	err = strata_work_sanitise(&work);
	if (err) {
		errorfc(fc, "workdir: cannot reset the mode and ACLs of %s (%d)",
			STRATA_WORK_NAME, err);
		goto out_dput;
	}
	err = strata_work_check_dtype(&work, &has_dtype);
	if (!err && !has_dtype)
		err = invalfc(fc, "upperdir: its filesystem does not report file types in readdir (d_type), which finding whiteouts needs");
	if (!err && strata_work_check_xattr(ofs, &work))
		err = invalfc(fc, "upperdir: its filesystem cannot set the xattrs that mark opaque directories");
	if (!err)
		err = strata_work_check_whiteout(&work, &has_whiteout);
	if (!err && !has_whiteout)
		err = invalfc(fc, "upperdir: its filesystem cannot rename with RENAME_WHITEOUT, which moving a lower file away needs");
	if (!err) {
		ofs->work = work.dentry;	/* the mount keeps the reference */
		work.dentry = NULL;
	}
out_dput:
	dput(work.dentry);
out_drop_write:
	strata_do_drop_write(workdir->mnt);
	return err;
}
