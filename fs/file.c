// SPDX-License-Identifier: GPL-2.0-only
/*
 * File operations, forwarded to the real file.
 *
 * Opening a strata file opens the real file under the mounter's credentials
 * (after the caller passed the VFS's checks on the strata inode). An open
 * for writing copies the file up first, so only upper files are ever
 * opened for writing. The real file carries the strata path, so /proc shows
 * the path the user opened.
 *
 * A file opened read-only before a copy-up follows it: every operation
 * gets its real file from strata_real_file(), which switches to the upper
 * copy once there is one, as overlayfs does since 4.19.
 */
#include "strata.h"
#include <linux/fadvise.h>
#include <linux/mman.h>
#include <linux/slab.h>
#include <linux/splice.h>
#include <linux/uio.h>

/* private_data of a strata file. */
struct strata_file {
	struct file *real;	/* opened at open(2) */
	/* The upper copy, opened after a copy-up; set once with cmpxchg. */
	struct file *upper;
};

/* Opens the real object of @inode for @file, as the mounter. */
static struct file *strata_open_real(struct file *file, struct inode *inode,
				     int flags)
{
	int acc_mode = ACC_MODE(flags);
	strata_idmap_t *idmap;
	const struct cred *old;
	struct file *realfile;
	struct path realpath;
	struct inode *real;
	int err;

	if (flags & O_APPEND)
		acc_mode |= MAY_APPEND;

	strata_i_realpath(inode, &realpath);
	real = d_inode(realpath.dentry);
	idmap = strata_mnt_idmap(realpath.mnt);
	old = strata_override_creds(inode->i_sb);
	err = strata_do_permission(idmap, real, MAY_OPEN | acc_mode);
	if (!err) {
		if (!inode_owner_or_capable(idmap, real))
			flags &= ~O_NOATIME;
		realfile = strata_do_open(file, &realpath, flags);
	}
	strata_revert_creds(old);
	return err ? ERR_PTR(err) : realfile;
}

/* strata_real_file()'s choice, before the flags are brought in line. */
static struct file *strata_pick_real_file(struct file *file)
{
	struct strata_file *sf = file->private_data;
	struct inode *inode = file_inode(file);
	struct file *upper = READ_ONCE(sf->upper);
	int flags = file->f_flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);

	if (upper)
		return upper;
	if (likely(file_inode(sf->real) == strata_i_real(inode)))
		return sf->real;

	upper = strata_open_real(file, inode, flags | O_LARGEFILE);
	if (IS_ERR(upper)) {
		/* The data is still readable where it was. */
		pr_warn_ratelimited("cannot reopen %pD after copy-up (%ld)\n",
				    file, PTR_ERR(upper));
		return sf->real;
	}
	if (cmpxchg(&sf->upper, NULL, upper)) {
		fput(upper);	/* another task was first */
		upper = sf->upper;
	}
	return upper;
}

/* The flags fcntl(F_SETFL) changes that the real file must share. */
#define STRATA_SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT)

/*
 * fcntl(F_SETFL) changed @file's flags after the real file was opened: the
 * real file takes them too (O_DIRECT above all, which decides how the real
 * filesystem does the I/O), after the checks setfl() made on @file.
 */
static void strata_sync_flags(struct file *file, struct file *real)
{
	unsigned int flags = READ_ONCE(file->f_flags) & STRATA_SETFL_MASK;

	if (likely(!((flags ^ real->f_flags) & STRATA_SETFL_MASK)))
		return;
	if (real->f_op->check_flags && real->f_op->check_flags(flags)) {
		pr_warn_ratelimited("%pD: the real file refuses flags 0%o\n",
				    file, flags);
		return;
	}
	spin_lock(&real->f_lock);
	real->f_flags = (real->f_flags & ~STRATA_SETFL_MASK) | flags;
	real->f_iocb_flags = iocb_flags(real);
	spin_unlock(&real->f_lock);
}

/*
 * The real file to use for @file now. Normally the one opened at open(2);
 * after a copy-up of a file opened read-only, its upper copy, opened on
 * first use and kept. Its flags follow @file's.
 */
static struct file *strata_real_file(struct file *file)
{
	struct file *real = strata_pick_real_file(file);

	strata_sync_flags(file, real);
	return real;
}

/* An open that may write needs the upper copy, made before the real open. */
static int strata_open_copy_up(struct file *file)
{
	struct super_block *sb = file_inode(file)->i_sb;
	int err;

	if (!(file->f_mode & FMODE_WRITE) && !(file->f_flags & O_TRUNC))
		return 0;
	err = strata_prepare_change(file->f_path.dentry);
	if (!err)
		strata_drop_write(sb);
	return err;
}

static int strata_open(struct inode *inode, struct file *file)
{
	struct strata_file *sf;
	struct file *realfile;
	int err;

	err = strata_open_copy_up(file);
	if (err)
		return err;
	sf = kzalloc(sizeof(*sf), GFP_KERNEL);
	if (!sf)
		return -ENOMEM;
	realfile = strata_open_real(file, inode, file->f_flags | O_LARGEFILE);
	if (IS_ERR(realfile)) {
		kfree(sf);
		return PTR_ERR(realfile);
	}
	sf->real = realfile;
	file->private_data = sf;
	/* Direct I/O is the real file's to allow; the VFS checks this flag. */
	file->f_mode |= realfile->f_mode & FMODE_CAN_ODIRECT;
	return 0;
}

static int strata_release(struct inode *inode, struct file *file)
{
	struct strata_file *sf = file->private_data;

	if (sf->upper)
		fput(sf->upper);
	fput(sf->real);
	kfree(sf);
	return 0;
}

/* The real file's position follows ours; the inode lock orders seekers. */
static loff_t strata_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);
	struct file *real = strata_real_file(file);
	const struct cred *old;
	loff_t ret;

	inode_lock(inode);
	real->f_pos = file->f_pos;
	old = strata_override_creds(inode->i_sb);
	ret = strata_do_llseek(real, offset, whence);
	strata_revert_creds(old);
	file->f_pos = real->f_pos;
	inode_unlock(inode);
	return ret;
}

/* The kiocb flags that mean the same as RWF_* flags for vfs_iter_*(). */
static rwf_t strata_rwf(int ki_flags)
{
	return (__force rwf_t)(ki_flags & (IOCB_NOWAIT | IOCB_HIPRI |
					   IOCB_DSYNC | IOCB_SYNC));
}

/* The strata inode's atime mirrors the real one after a read. */
static void strata_file_accessed(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct inode *real = file_inode(strata_real_file(file));

	strata_copy_inode_atime(inode, real);
}

static ssize_t strata_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct file *file = iocb->ki_filp;
	struct file *real = strata_real_file(file);
	const struct cred *old;
	ssize_t ret;

	if (!iov_iter_count(iter))
		return 0;
	if ((iocb->ki_flags & IOCB_DIRECT) &&
	    !(real->f_mode & FMODE_CAN_ODIRECT))
		return -EINVAL;

	/* Asynchronous requests complete here, synchronously. */
	old = strata_override_creds(file_inode(file)->i_sb);
	ret = strata_do_read_iter(real, iter, &iocb->ki_pos,
				  strata_rwf(iocb->ki_flags));
	strata_revert_creds(old);
	strata_file_accessed(file);
	return ret;
}

/*
 * Writes go to the upper file (an open for writing copied it up). The
 * strata inode lock orders writers, as on a bare filesystem, and keeps the
 * mirrored size and times in step.
 */
static ssize_t strata_write_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct file *file = iocb->ki_filp;
	struct inode *inode = file_inode(file);
	struct file *real = strata_real_file(file);
	const struct cred *old;
	ssize_t ret;

	if (!iov_iter_count(iter))
		return 0;
	if ((iocb->ki_flags & IOCB_DIRECT) &&
	    !(real->f_mode & FMODE_CAN_ODIRECT))
		return -EINVAL;

	inode_lock(inode);
	/* A write by a non-owner clears set-id bits, checked as the caller. */
	ret = file_remove_privs(file);
	if (ret)
		goto out_unlock;
	old = strata_override_creds(inode->i_sb);
	/* O_APPEND may have been set with fcntl() after the real open. */
	ret = strata_do_write_iter(real, iter, &iocb->ki_pos,
				   strata_rwf(iocb->ki_flags) |
				   (__force rwf_t)(iocb->ki_flags & IOCB_APPEND));
	strata_revert_creds(old);
	strata_copyattr(inode);
out_unlock:
	inode_unlock(inode);
	return ret;
}

static long strata_fallocate(struct file *file, int mode, loff_t offset,
			     loff_t len)
{
	struct inode *inode = file_inode(file);
	const struct cred *old;
	long ret;

	inode_lock(inode);
	ret = file_remove_privs(file);
	if (!ret) {
		old = strata_override_creds(inode->i_sb);
		ret = strata_do_fallocate(strata_real_file(file), mode, offset,
					  len);
		strata_revert_creds(old);
	}
	strata_copyattr(inode);
	inode_unlock(inode);
	return ret;
}

/* Only an upper file can hold unsynced changes made through strata. */
static int strata_fsync(struct file *file, loff_t start, loff_t end,
			int datasync)
{
	struct file *real = strata_real_file(file);
	const struct cred *old;
	int ret;

	if (!strata_i_upper(file_inode(file)))
		return 0;
	old = strata_override_creds(file_inode(file)->i_sb);
	ret = strata_do_fsync(real, start, end, datasync);
	strata_revert_creds(old);
	return ret;
}

static ssize_t strata_splice_read(struct file *in, loff_t *ppos,
				  struct pipe_inode_info *pipe, size_t len,
				  unsigned int flags)
{
	const struct cred *old;
	ssize_t ret;

	old = strata_override_creds(file_inode(in)->i_sb);
	ret = strata_do_splice_read(strata_real_file(in), ppos, pipe, len,
				    flags);
	strata_revert_creds(old);
	strata_file_accessed(in);
	return ret;
}

/* The mapping is the real file's: its page cache is shared, not copied. */
static int strata_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct file *real = strata_real_file(file);
	const struct cred *old;
	int ret;

	if (!real->f_op->mmap)
		return -ENODEV;
	if (WARN_ON_ONCE(file != vma->vm_file))
		return -EIO;

	vma_set_file(vma, real);
	old = strata_override_creds(file_inode(file)->i_sb);
	ret = strata_do_mmap(vma->vm_file, vma);
	strata_revert_creds(old);
	strata_file_accessed(file);
	return ret;
}

static int strata_fadvise(struct file *file, loff_t offset, loff_t len,
			  int advice)
{
	const struct cred *old;
	int ret;

	old = strata_override_creds(file_inode(file)->i_sb);
	ret = strata_do_fadvise(strata_real_file(file), offset, len, advice);
	strata_revert_creds(old);
	return ret;
}

const struct file_operations strata_file_ops = {
	.open = strata_open,
	.release = strata_release,
	.llseek = strata_llseek,
	.read_iter = strata_read_iter,
	.write_iter = strata_write_iter,
	.splice_read = strata_splice_read,
	.splice_write = iter_file_splice_write,
	.mmap = strata_mmap,
	.fadvise = strata_fadvise,
	.fallocate = strata_fallocate,
	.fsync = strata_fsync,
};
