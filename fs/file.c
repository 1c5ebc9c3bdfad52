// SPDX-License-Identifier: GPL-2.0-only
/*
 * File operations, forwarded to the real file.
 *
 * Opening a strata file opens the real file under the mounter's credentials
 * (after the caller passed the VFS's checks on the strata inode) and keeps it
 * in private_data. The real file carries the strata path, so /proc shows
 * the path the user opened. Every I/O goes through strata_real_file(), the one
 * place that will pick the current real file once copy-up exists.
 */
#include "strata.h"
#include <linux/fadvise.h>
#include <linux/mman.h>
#include <linux/splice.h>
#include <linux/uio.h>

static struct file *strata_real_file(struct file *file)
{
	return file->private_data;
}

static int strata_open(struct inode *inode, struct file *file)
{
	struct inode *real = strata_i_real(inode);
	int flags = file->f_flags | O_LARGEFILE;
	int acc_mode = ACC_MODE(flags);
	const struct cred *old;
	struct file *realfile;
	struct path realpath;
	int err;

	if (flags & O_APPEND)
		acc_mode |= MAY_APPEND;

	strata_i_realpath(inode, &realpath);
	old = strata_override_creds(inode->i_sb);
	err = strata_do_permission(real, MAY_OPEN | acc_mode);
	if (!err) {
		if (!inode_owner_or_capable(&init_user_ns, real))
			flags &= ~O_NOATIME;
		realfile = strata_do_open(&file->f_path, &realpath, flags);
		err = PTR_ERR_OR_ZERO(realfile);
	}
	revert_creds(old);
	if (err)
		return err;

	file->private_data = realfile;
	/* Direct I/O is the real file's to allow; the VFS checks this flag. */
	file->f_mode |= realfile->f_mode & FMODE_CAN_ODIRECT;
	return 0;
}

static int strata_release(struct inode *inode, struct file *file)
{
	fput(strata_real_file(file));
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
	ret = vfs_llseek(real, offset, whence);
	revert_creds(old);
	file->f_pos = real->f_pos;
	inode_unlock(inode);
	return ret;
}

/* The kiocb flags that mean the same as RWF_* flags for vfs_iter_read(). */
static rwf_t strata_rwf(int ki_flags)
{
	return (__force rwf_t)(ki_flags & (IOCB_NOWAIT | IOCB_HIPRI));
}

/* The strata inode's atime mirrors the real one after a read. */
static void strata_file_accessed(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct inode *real = file_inode(strata_real_file(file));

	inode->i_atime = real->i_atime;
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
	ret = vfs_iter_read(real, iter, &iocb->ki_pos,
			    strata_rwf(iocb->ki_flags));
	revert_creds(old);
	strata_file_accessed(file);
	return ret;
}

static ssize_t strata_splice_read(struct file *in, loff_t *ppos,
				  struct pipe_inode_info *pipe, size_t len,
				  unsigned int flags)
{
	const struct cred *old;
	ssize_t ret;

	old = strata_override_creds(file_inode(in)->i_sb);
	ret = generic_file_splice_read(strata_real_file(in), ppos, pipe, len,
				       flags);
	revert_creds(old);
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
	ret = call_mmap(vma->vm_file, vma);
	revert_creds(old);
	strata_file_accessed(file);
	return ret;
}

static int strata_fadvise(struct file *file, loff_t offset, loff_t len,
			  int advice)
{
	const struct cred *old;
	int ret;

	old = strata_override_creds(file_inode(file)->i_sb);
	ret = vfs_fadvise(strata_real_file(file), offset, len, advice);
	revert_creds(old);
	return ret;
}

const struct file_operations strata_file_ops = {
	.open = strata_open,
	.release = strata_release,
	.llseek = strata_llseek,
	.read_iter = strata_read_iter,
	.splice_read = strata_splice_read,
	.mmap = strata_mmap,
	.fadvise = strata_fadvise,
	/* Layers are read-only for now: nothing of ours to sync. */
	.fsync = noop_fsync,
};
