// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copy-up: bringing a lower object into the upper layer before it changes.
 *
 * The copy is built in WORKDIR/work under a temporary name (data, synced
 * to disk, then xattrs, then owner, mode and times) and renamed into the
 * upper directory in one step; the upper filesystem's journal orders the
 * metadata before the rename. A crash or an error leaves either no upper
 * object or the complete one; what an interrupted copy left in the workdir is
 * removed at the next mount. The inode's upper dentry is published right
 * after the rename, still under the upper parent's lock
 * (strata_i_set_upper()): a remover that finds the copy under that lock
 * also finds it published, and removes the copy instead.
 *
 * With index=on, a lower file with several links is copied to WORKDIR/index
 * instead, and each of its names that changes is then hard-linked to that
 * copy in its upper parent ("link-up"; hardlinks.c).
 *
 * Locking: the VFS may hold the strata inode's or its parent's i_rwsem.
 * Each inode's copyup_lock serialises its copy-up and is never nested in
 * another one (ancestors are copied up first, one at a time). Under it, the
 * data is copied with no real directory locked; the final rename takes
 * lock_rename(work, upper parent). All of it runs as the mounter.
 */
#include "strata.h"
#include <linux/fsnotify.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/splice.h>

/* Copy data in pieces of this size, checking for a fatal signal between. */
#define STRATA_COPY_CHUNK	(1UL << 20)

/* What one copy-up works with. */
struct strata_copy_up {
	struct strata_fs *ofs;
	struct dentry *dentry;		/* the strata object */
	struct dentry *parent_upper;	/* its parent's upper directory */
	struct path lower;		/* the object copied */
	const struct strata_path *source;	/* the same, with its layer */
	struct kstat stat;		/* the lower object's attributes */
	const char *link;		/* a symlink's target */
	struct dentry *temp;		/* the copy, in work */
	bool origin;			/* the copy records its origin */
	/* index=on, a lower hard link: the copy goes to the index */
	bool indexed;
	struct qstr index_name;
};

/* Whether the xattr @name of @from goes to the copy: 1, 0 or an error. */
static int strata_xattr_copies(struct strata_fs *ofs, struct dentry *from,
			       const char *name)
{
	if (strata_is_private_xattr(ofs, name))
		return 0;
	return strata_lsm_copy_up_xattr(from, name);
}

/* The xattrs without which a copy would grant or label differently. */
static bool strata_must_copy_xattr(const char *name)
{
	return strata_is_acl_xattr(name) ||
	       !strncmp(name, XATTR_SECURITY_PREFIX, XATTR_SECURITY_PREFIX_LEN);
}

/*
 * Copies a POSIX ACL where ACLs are not plain xattrs (6.2+). The ACL read
 * is mapped as @from's layer maps owners, and mapped back as the upper's.
 */
static int strata_copy_acl(struct strata_fs *ofs, const struct path *from,
			   struct dentry *to, const char *name)
{
	struct posix_acl *acl = strata_do_get_acl(strata_mnt_idmap(from->mnt),
						  from->dentry, name);
	int err;

	if (acl == ERR_PTR(-ENODATA))
		return 0;	/* removed meanwhile */
	if (IS_ERR_OR_NULL(acl))
		return PTR_ERR(acl);
	err = strata_do_set_acl(strata_upper_idmap(ofs), to, name, acl);
	posix_acl_release(acl);
	return err;
}

/*
 * Copies one xattr; *buf grows as values need it. Values that hold ids
 * (file capabilities' root id; 6.1's ACLs) are read as @from's layer maps
 * them and written as the upper's does.
 */
static int strata_copy_xattr(struct strata_fs *ofs, const struct path *from,
			     struct dentry *to, const char *name, void **buf,
			     size_t *bufsize)
{
	strata_idmap_t *idmap = strata_mnt_idmap(from->mnt);
	ssize_t size;

	size = strata_do_getxattr(idmap, from->dentry, name, NULL, 0);
	if (size == -ENODATA)
		return 0;	/* removed meanwhile */
	if (size < 0)
		return size;
	if (size > *bufsize) {
		void *nbuf = kvmalloc(size, GFP_KERNEL);

		if (!nbuf)
			return -ENOMEM;
		kvfree(*buf);
		*buf = nbuf;
		*bufsize = size;
	}
	size = strata_do_getxattr(idmap, from->dentry, name, *buf, size);
	if (size < 0)
		return size;
	return strata_do_setxattr(strata_upper_idmap(ofs), to, name, *buf,
				  size, 0);
}

/**
 * strata_copy_up_xattrs - copy the xattrs of @from to @to
 * @ofs:  the mount; its private names (trusted.overlay.*) are not copied
 * @from: the source object
 * @to:   the copy, not yet visible
 *
 * security.* and POSIX ACLs go as they are: the copy must be what the
 * original was, so an upper that cannot hold one fails the copy-up (a lost
 * ACL could widen access). Any other name the upper does not support
 * (EOPNOTSUPP: btrfs.* onto tmpfs, user.* onto 6.1's tmpfs) is left
 * behind, as overlayfs leaves it.
 */
int strata_copy_up_xattrs(struct strata_fs *ofs, const struct path *from,
			  struct dentry *to)
{
	void *value = NULL;
	size_t value_size = 0;
	ssize_t list_size;
	char *list, *name;
	int err = 0;

	list_size = strata_do_listxattr(from->dentry, NULL, 0);
	if (list_size <= 0)
		return list_size == -EOPNOTSUPP ? 0 : list_size;
	list = kvzalloc(list_size, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	list_size = strata_do_listxattr(from->dentry, list, list_size);
	if (list_size < 0) {
		err = list_size;
		goto out;
	}
	for (name = list; !err && name < list + list_size;
	     name += strlen(name) + 1) {
		err = strata_xattr_copies(ofs, from->dentry, name);
		if (err > 0 && !STRATA_ACL_OPS_IN_XATTR &&
		    strata_is_acl_xattr(name))
			err = strata_copy_acl(ofs, from, to, name);
		else if (err > 0)
			err = strata_copy_xattr(ofs, from, to, name, &value,
						&value_size);
		if (err == -EOPNOTSUPP && !strata_must_copy_xattr(name)) {
			pr_warn_ratelimited("copy-up of %pd2 leaves xattr %s behind: the upper does not support it\n",
					    from->dentry, name);
			err = 0;
		}
	}
out:
	kvfree(value);
	kvfree(list);
	return err;
}

/* Shares the whole file's blocks where the upper can (reflink). */
static bool strata_clone_data(struct file *in, struct file *out, loff_t size)
{
	if (file_inode(in)->i_sb != file_inode(out)->i_sb)
		return false;
	return strata_do_clone(in, out, size) == size;
}

/*
 * Copies the data of @in to @out, which is empty: the data extents only,
 * so holes stay holes (a filesystem without SEEK_DATA reports one extent).
 * The size is set by the caller.
 */
static int strata_copy_data(struct file *in, struct file *out, loff_t size)
{
	loff_t pos = 0;

	while (pos < size) {
		loff_t data, hole;

		data = strata_do_llseek(in, pos, SEEK_DATA);
		if (data == -ENXIO)
			break;		/* only a hole is left */
		if (data < 0)
			return data;
		hole = strata_do_llseek(in, data, SEEK_HOLE);
		if (hole < 0)
			return hole;
		hole = min(hole, size);
		for (pos = data; pos < hole;) {
			ssize_t ret;

			if (fatal_signal_pending(current))
				return -EINTR;
			ret = strata_do_splice_copy(in, out, pos,
						    min_t(loff_t, hole - pos,
							  STRATA_COPY_CHUNK));
			if (ret < 0)
				return ret;
			if (ret == 0)
				return -EIO;	/* the lower file shrank */
			pos += ret;
			cond_resched();
		}
	}
	return 0;
}

/* Sets @attr on the copy in the upper @ofs; its inode is locked here. */
static int strata_copy_setattr(struct strata_fs *ofs, struct dentry *temp,
			       struct iattr *attr)
{
	int err;

	inode_lock(d_inode(temp));
	err = strata_do_setattr(strata_upper_idmap(ofs), temp, attr);
	inode_unlock(d_inode(temp));
	return err;
}

/* The file's data: opened on both sides, copied, sized and synced. */
static int strata_copy_up_file(struct strata_copy_up *c)
{
	struct path temp = { .mnt = c->ofs->upper.mnt, .dentry = c->temp };
	struct iattr size = { .ia_valid = ATTR_SIZE, .ia_size = c->stat.size };
	struct super_block *upper_sb = c->ofs->upper.mnt->mnt_sb;
	struct file *in, *out;
	int err;

	in = strata_do_open_path(&c->lower, O_RDONLY | O_LARGEFILE);
	if (IS_ERR(in))
		return PTR_ERR(in);
	out = strata_do_open_path(&temp, O_WRONLY | O_LARGEFILE);
	err = PTR_ERR(out);
	if (IS_ERR(out))
		goto out_in;

	err = 0;
	strata_data_copy_begin(upper_sb);
	if (!strata_clone_data(in, out, c->stat.size))
		err = strata_copy_data(in, out, c->stat.size);
	strata_data_copy_end(upper_sb);
	/* The size last: a trailing hole is not data. */
	if (!err)
		err = strata_copy_setattr(c->ofs, c->temp, &size);
	if (!err)
		err = strata_do_fsync(out, 0, LLONG_MAX, 0);
	fput(out);
out_in:
	fput(in);
	return err;
}

/**
 * strata_copy_attrs - give a copy the owner, mode and times of @stat
 * @ofs:  the mount; @to is on its upper
 * @to:   the copy, not yet visible; not locked by the caller
 * @stat: the original's attributes, owners as its layer maps them
 *
 * Owner first, then mode (a chown may clear set-id bits), then times.
 */
int strata_copy_attrs(struct strata_fs *ofs, struct dentry *to,
		      const struct kstat *stat)
{
	struct iattr owner = {
		.ia_valid = ATTR_UID | ATTR_GID,
		.ia_vfsuid = VFSUIDT_INIT(stat->uid),
		.ia_vfsgid = VFSGIDT_INIT(stat->gid),
	};
	struct iattr mode = {
		.ia_valid = ATTR_MODE,
		.ia_mode = stat->mode,
	};
	struct iattr times = {
		.ia_valid = ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
			    ATTR_MTIME_SET,
		.ia_atime = stat->atime,
		.ia_mtime = stat->mtime,
	};
	int err;

	err = strata_copy_setattr(ofs, to, &owner);
	if (!err && !S_ISLNK(stat->mode))
		err = strata_copy_setattr(ofs, to, &mode);
	if (!err)
		err = strata_copy_setattr(ofs, to, &times);
	return err;
}

/*
 * Creates the copy in work, with no permission bits until the end. An LSM
 * may ask for other credentials for the creation (SELinux: the original's
 * label, so that the copy gets it rather than the mounter's).
 */
static int strata_copy_up_create(struct strata_copy_up *c)
{
	struct inode *wdir = d_inode(c->ofs->work);
	struct strata_cattr attr = {
		.mode = c->stat.mode & S_IFMT,
		.rdev = c->stat.rdev,
		.link = c->link,
	};
	const struct cred *old = NULL;
	struct cred *lsm_cred = NULL;
	struct dentry *temp;
	int err;

	err = security_inode_copy_up(c->dentry, &lsm_cred);
	if (err < 0)
		return err;
	if (lsm_cred)
		old = override_creds(lsm_cred);
	inode_lock_nested(wdir, I_MUTEX_PARENT);
	temp = strata_work_temp(c->ofs);
	err = PTR_ERR_OR_ZERO(temp);
	if (!err)
		err = strata_create_real(c->ofs, wdir, temp, &attr);
	inode_unlock(wdir);
	if (lsm_cred) {
		revert_creds(old);
		put_cred(lsm_cred);
	}
	if (err) {
		if (!IS_ERR(temp))
			dput(temp);
		return err;
	}
	c->temp = temp;
	return 0;
}

/*
 * A copy-up changes nothing the user did, so the parent directory keeps the
 * times it showed: put back the ones the rename into it replaced (best
 * effort, as its ctime moves anyway). The caller holds the parent locked.
 */
static void strata_keep_parent_times(struct strata_copy_up *c,
				     const struct kstat *before)
{
	struct iattr times = {
		.ia_valid = ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
			    ATTR_MTIME_SET,
		.ia_atime = before->atime,
		.ia_mtime = before->mtime,
	};

	lockdep_assert_held_write(&d_inode(c->parent_upper)->i_rwsem);
	strata_do_setattr(strata_upper_idmap(c->ofs), c->parent_upper, &times);
}

/*
 * Renames the finished copy into the upper directory (or, for an indexed
 * copy, the index) and publishes it as the inode's upper. The name must
 * be free there: a lower object is only visible when nothing is above it.
 */
static int strata_copy_up_move(struct strata_copy_up *c)
{
	struct dentry *dir = c->indexed ? c->ofs->indexdir : c->parent_upper;
	const struct qstr *name = c->indexed ? &c->index_name :
					       &c->dentry->d_name;
	struct inode *inode = d_inode(c->dentry);
	struct dentry *work = c->ofs->work, *trap, *target;
	struct path parent = { .mnt = c->ofs->upper.mnt, .dentry = dir };
	struct kstat before;
	int err;

	lockdep_assert_held(&STRATA_I(inode)->copyup_lock);
	trap = strata_do_lock_rename(work, dir);
	if (IS_ERR(trap))
		return PTR_ERR(trap);
	/* The parent's times, kept below; the index's need not be. */
	err = c->indexed ? 0 :
	      strata_do_getattr(&parent, &before, STATX_ATIME | STATX_MTIME,
				AT_STATX_SYNC_AS_STAT);
	if (err)
		goto out_unlock;
	err = -ESTALE;
	if (c->temp->d_parent != work || trap == c->temp)
		goto out_unlock;
	target = strata_do_lookup_locked(strata_upper_idmap(c->ofs), name->name,
					 name->len, dir);
	err = PTR_ERR(target);
	if (IS_ERR(target))
		goto out_unlock;
	if (d_is_negative(target) && target != trap)
		err = strata_do_rename(strata_upper_idmap(c->ofs), d_inode(work),
				       c->temp, d_inode(dir), target, 0);
	else if (strata_is_whiteout(target) && !c->indexed)
		err = -ENOENT;	/* removed through the union meanwhile */
	else
		err = -EEXIST;	/* changed underneath strata */
	dput(target);
	if (!err) {
		if (c->indexed)
			set_bit(STRATA_I_INDEXED, &STRATA_I(inode)->flags);
		else
			strata_keep_parent_times(c, &before);
		/* Moved: now the upper object, published before unlocking. */
		strata_i_set_upper(inode, dget(c->temp));
	}
out_unlock:
	strata_do_unlock_rename(work, dir);
	return err;
}

/*
 * index=on: gives the name @c->dentry its own link to its inode's index
 * entry, in its upper parent. The parent keeps its times, as for a copy-up.
 */
static int strata_copy_up_link(struct strata_copy_up *c)
{
	const struct qstr *name = &c->dentry->d_name;
	struct inode *inode = d_inode(c->dentry);
	struct inode *udir = d_inode(c->parent_upper);
	struct path parent = { .mnt = c->ofs->upper.mnt,
			       .dentry = c->parent_upper };
	struct dentry *target;
	struct kstat before;
	int err;

	err = strata_hl_link_begin(inode);
	if (err)
		return err;
	inode_lock_nested(udir, I_MUTEX_PARENT);
	err = strata_do_getattr(&parent, &before, STATX_ATIME | STATX_MTIME,
				AT_STATX_SYNC_AS_STAT);
	if (err)
		goto out_unlock;
	target = strata_do_lookup_locked(strata_upper_idmap(c->ofs), name->name,
					 name->len, c->parent_upper);
	err = PTR_ERR(target);
	if (IS_ERR(target))
		goto out_unlock;
	if (d_is_negative(target))
		err = strata_do_link(strata_upper_idmap(c->ofs),
				     strata_i_upper(inode), udir, target);
	else
		err = strata_is_whiteout(target) ? -ENOENT : -EEXIST;
	dput(target);
	if (!err) {
		strata_keep_parent_times(c, &before);
		set_bit(STRATA_D_UPPER_ALIAS, strata_d_flags(c->dentry));
	}
out_unlock:
	inode_unlock(udir);
	return err ?: strata_hl_link_done(inode);
}

/*
 * An owner the mounter's user namespace has no name for cannot be given to
 * the copy, which would keep the mounter's own ids instead, set-id bits and
 * all (CVE-2023-0386): such a copy-up fails with EOVERFLOW, as in
 * overlayfs. Runs as the mounter, so current_user_ns() is the mount's.
 */
static int strata_copy_up_owner_mapped(const struct kstat *stat)
{
	if (kuid_has_mapping(current_user_ns(), stat->uid) &&
	    kgid_has_mapping(current_user_ns(), stat->gid))
		return 0;
	pr_warn_ratelimited("copy-up refused: the owner %u:%u has no mapping in the mounter's user namespace\n",
			    from_kuid(&init_user_ns, stat->uid),
			    from_kgid(&init_user_ns, stat->gid));
	return -EOVERFLOW;
}

/* Builds the copy and moves it into place; runs as the mounter. */
static int strata_copy_up_build(struct strata_copy_up *c)
{
	struct path temp = { .mnt = c->ofs->upper.mnt };
	int err;

	err = strata_do_getattr(&c->lower, &c->stat, STATX_BASIC_STATS,
				AT_STATX_SYNC_AS_STAT);
	if (err)
		return err;
	err = strata_copy_up_owner_mapped(&c->stat);
	if (err)
		return err;
	err = strata_copy_up_create(c);
	if (err)
		return err;
	temp.dentry = c->temp;
	/* An empty file has no data to copy or to make durable. */
	if (S_ISREG(c->stat.mode) && c->stat.size)
		err = strata_copy_up_file(c);
	if (!err)
		err = strata_copy_up_xattrs(c->ofs, &c->lower, c->temp);
	/* A lower hard link's copy is one name's alone: it is no copy of the
	 * shared lower inode, and keeps no number of it (as in overlayfs
	 * without an index), unless the index keeps it for all the names.
	 */
	if (!err && (S_ISDIR(c->stat.mode) || c->stat.nlink == 1 ||
		     c->indexed)) {
		err = strata_set_origin(c->ofs, c->source, c->temp);
		c->origin = err > 0;
		err = min(err, 0);
	}
	if (!err && c->indexed)
		err = strata_hl_record_copy(d_inode(c->dentry), c->temp);
	if (!err)
		err = strata_copy_up_fileattr(d_inode(c->dentry), &c->lower,
					      &temp);
	if (!err)
		err = strata_copy_attrs(c->ofs, c->temp, &c->stat);
	if (!err)
		err = strata_copy_up_move(c);
	if (err)
		strata_work_cleanup(c->ofs, c->temp);
	dput(c->temp);
	return err;
}

/*
 * A non-directory's number after its copy-up: kept where the copy records
 * its origin, which a later lookup follows back to the same number; the
 * copy's own otherwise, as that lookup will find it (strata_nondir_ino()).
 */
static void strata_copy_up_ino(struct strata_copy_up *c)
{
	struct inode *inode = d_inode(c->dentry);

	if (S_ISDIR(inode->i_mode))
		return;
	if (c->origin)
		set_bit(STRATA_I_ORIGIN, &STRATA_I(inode)->flags);
	else
		WRITE_ONCE(inode->i_ino,
			   strata_ino(c->ofs, &c->ofs->upper,
				      strata_i_real(inode)->i_ino));
}

/*
 * Copies up @dentry's object; an indexed one goes to the index under the
 * name its origin gives it. As the mounter, under the copy-up lock.
 */
static int strata_copy_up_object(struct strata_copy_up *c)
{
	struct inode *inode = d_inode(c->dentry);
	struct delayed_call done;
	char *index_name = NULL;
	int err = 0;

	c->source = &strata_i_entry(inode)->lower[0];
	c->lower.mnt = c->source->layer->mnt;
	c->lower.dentry = c->source->dentry;
	c->indexed = strata_hl_wanted(inode);
	if (c->indexed) {
		index_name = strata_index_name(c->ofs, c->lower.dentry);
		if (IS_ERR(index_name))
			return PTR_ERR(index_name);
		c->index_name = (struct qstr)QSTR_INIT(index_name,
						       strlen(index_name));
	}
	set_delayed_call(&done, NULL, NULL);
	if (d_is_symlink(c->lower.dentry)) {
		c->link = strata_do_get_link(c->lower.dentry, &done);
		err = PTR_ERR_OR_ZERO(c->link);
	}
	if (!err)
		err = strata_copy_up_build(c);
	do_delayed_call(&done);
	kfree(index_name);
	if (!err) {
		strata_copy_up_ino(c);
		strata_inode_rehash(inode);
		strata_copyattr(inode);
	}
	return err;
}

/*
 * Gives @dentry, whose parent @parent already has an upper, its upper
 * object: a copy of its lower one, or (index=on) a link to the copy made
 * for another name of the same lower file.
 */
static int strata_copy_up_one(struct dentry *parent, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	struct strata_copy_up c = {
		.ofs = STRATA_FS(dentry->d_sb),
		.dentry = dentry,
		.parent_upper = strata_i_upper(d_inode(parent)),
	};
	const struct cred *old;
	int err;

	err = mutex_lock_killable(&STRATA_I(inode)->copyup_lock);
	if (err)
		return err;
	if (strata_d_has_upper(dentry))
		goto out_unlock;	/* done by a concurrent caller */
	/* After the copy-up lock: see strata_mnt_get_write(). */
	strata_start_write(dentry->d_sb);
	/* The parent is told first that an entry's number is not its own. */
	err = strata_set_impure(d_inode(parent));
	if (err)
		goto out_end_write;

	old = strata_override_creds(dentry->d_sb);
	if (!strata_i_upper(inode))
		err = strata_copy_up_object(&c);
	if (!err && !strata_d_has_upper(dentry))
		err = strata_copy_up_link(&c);
	strata_revert_creds(old);
	/* The listing's entry for the name now comes from the upper. */
	if (!err)
		strata_dir_changed(d_inode(parent));
out_end_write:
	strata_end_write(dentry->d_sb);
out_unlock:
	mutex_unlock(&STRATA_I(inode)->copyup_lock);
	return err;
}

/**
 * strata_prepare_change - write access to the upper and @dentry copied up
 * @dentry: the object about to change (or a directory about to get or
 *          lose an entry)
 *
 * Returns 0 with write access to the upper held, to be dropped with
 * strata_drop_write(); or an error, with nothing held.
 */
int strata_prepare_change(struct dentry *dentry)
{
	return strata_prepare_name_change(dentry, NULL);
}

/**
 * strata_prepare_name_change - strata_prepare_change() before a name of
 *                              @counted is added or removed
 * @dentry:  what to copy up: the name, or the parent it changes in
 * @counted: the inode whose link count the change moves (hardlinks.c)
 *
 * The count's record is written between the copy-up and freeze
 * protection, in the copy-up's lock order.
 */
int strata_prepare_name_change(struct dentry *dentry, struct inode *counted)
{
	int err;

	err = strata_get_write_access(dentry->d_sb);
	if (err)
		return err;
	err = strata_copy_up(dentry);
	if (!err && counted)
		err = strata_hl_before_change(counted);
	if (err) {
		strata_put_write_access(dentry->d_sb);
		return err;
	}
	strata_start_write(dentry->d_sb);
	return 0;
}

/**
 * strata_prepare_inode_change - strata_prepare_change() for a change of
 *                               @dentry's inode alone (an xattr, an ACL)
 * @dentry: the object about to change
 *
 * An indexed file's one copy takes such a change through any of its names,
 * so the name is not linked up where the copy exists, as in overlayfs.
 */
int strata_prepare_inode_change(struct dentry *dentry)
{
	int err;

	if (!strata_i_upper(d_inode(dentry)))
		return strata_prepare_change(dentry);
	err = strata_get_write_access(dentry->d_sb);
	if (!err)
		strata_start_write(dentry->d_sb);
	return err;
}

/**
 * strata_copy_up - give @dentry an upper object, copying it if needed
 * @dentry: a positive strata dentry on a writable mount
 *
 * Ancestors without an upper directory are copied up first, from the one
 * nearest the root down. The caller holds write access to the upper
 * (strata_get_write_access()), without freeze protection (see
 * strata_mnt_get_write()), and has checked the caller's permission to make
 * the change the copy-up prepares.
 */
int strata_copy_up(struct dentry *dentry)
{
	int err = 0;

	while (!err && !strata_d_has_upper(dentry)) {
		struct dentry *next = dget(dentry), *parent;

		/* The highest ancestor still without an upper. */
		for (;;) {
			parent = dget_parent(next);
			if (strata_i_upper(d_inode(parent)))
				break;
			dput(next);
			next = parent;
		}
		err = strata_copy_up_one(parent, next);
		dput(parent);
		dput(next);
	}
	return err;
}
