/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only place for kernel-version differences. Each difference is found
 * by a build-time probe (fs/probes/NAME.c defines STRATA_HAVE_NAME in the
 * generated compat_probes.h) and gets one Strata name here, so the
 * operations and the wrappers in strata.h carry no #if. Distribution
 * kernels backport interfaces, so nothing here compares version numbers,
 * except the floor.
 *
 * Tested: Linux 6.1 (Debian 12) and 6.12 (the LTS series Debian 12 also
 * ships). A newer kernel builds if its probes pass.
 */
#ifndef _STRATA_COMPAT_H
#define _STRATA_COMPAT_H

#include <linux/version.h>
#include <linux/fs.h>
#include <linux/posix_acl.h>
#include <linux/security.h>
#include <linux/splice.h>
#include <linux/mount.h>
#include <linux/exportfs.h>
#include "compat_probes.h"
#include "entry.h"
#if defined(STRATA_HAVE_BACKING_FILE_USER_FILE) || defined(STRATA_HAVE_BACKING_FILE_USER_PATH)
#include <linux/backing-file.h>
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "Strata needs Linux 6.1 or newer (the oldest kernel it is written and tested for)"
#endif

/*
 * Mapping of a mount's ids, passed to every inode operation and VFS call: a
 * struct mnt_idmap since 6.3, the mount's user namespace before. A layer
 * given as an idmapped mount keeps its mapping in Strata's private clone.
 */
#ifdef STRATA_HAVE_MNT_IDMAP
typedef struct mnt_idmap strata_idmap_t;
#define strata_nop_idmap		(&nop_mnt_idmap)
#define STRATA_RENAMEDATA_IDMAPS(idmap)	.old_mnt_idmap = (idmap), \
					.new_mnt_idmap = (idmap)
static inline strata_idmap_t *strata_mnt_idmap(const struct vfsmount *mnt)
{
	return mnt_idmap(mnt);
}
#else
typedef struct user_namespace strata_idmap_t;
#define strata_nop_idmap		(&init_user_ns)
#define STRATA_RENAMEDATA_IDMAPS(idmap)	.old_mnt_userns = (idmap), \
					.new_mnt_userns = (idmap)
static inline strata_idmap_t *strata_mnt_idmap(const struct vfsmount *mnt)
{
	return mnt_user_ns(mnt);
}
#endif

/*
 * getattr called from vfs_getattr_nosec() (6.8) is told so, and must then
 * call vfs_getattr_nosec() on the real inode: vfs_getattr() refuses the flag
 * with a warning. A uapi constant, so its presence is the probe.
 */
#ifdef AT_GETATTR_NOSEC
#define STRATA_AT_GETATTR_NOSEC	AT_GETATTR_NOSEC
#else
#define STRATA_AT_GETATTR_NOSEC	0
#endif

/*
 * Opens @real for the strata file @user. Newer kernels make it a backing
 * file: its f_path is the real one, and /proc shows @user's path. Older
 * ones give the real file @user's path, which d_real() then resolves.
 */
static inline struct file *strata_open_backing(const struct file *user,
					       int flags,
					       const struct path *real)
{
#if defined(STRATA_HAVE_BACKING_FILE_USER_FILE)
	return backing_file_open(user, flags, real, current_cred());
#elif defined(STRATA_HAVE_BACKING_FILE_USER_PATH)
	return backing_file_open(&user->f_path, flags, real, current_cred());
#else
	return open_with_fake_path(&user->f_path, flags, d_inode(real->dentry),
				   current_cred());
#endif
}

/* Splices from a real file, the way its own filesystem splices. */
static inline ssize_t strata_splice_read_real(struct file *in, loff_t *ppos,
					      struct pipe_inode_info *pipe,
					      size_t len, unsigned int flags)
{
#ifdef STRATA_HAVE_VFS_SPLICE_READ
	return vfs_splice_read(in, ppos, pipe, len, flags);
#else
	return generic_file_splice_read(in, ppos, pipe, len, flags);
#endif
}

/* Inode times: fields on old kernels, accessors on new ones. */
static inline void strata_copy_inode_times(struct inode *to,
					   const struct inode *from)
{
#ifdef STRATA_HAVE_INODE_TIME_ACCESSORS
	inode_set_atime_to_ts(to, inode_get_atime(from));
	inode_set_mtime_to_ts(to, inode_get_mtime(from));
#else
	to->i_atime = from->i_atime;
	to->i_mtime = from->i_mtime;
#endif
#ifdef STRATA_HAVE_INODE_CTIME_ACCESSORS
	inode_set_ctime_to_ts(to, inode_get_ctime(from));
#else
	to->i_ctime = from->i_ctime;
#endif
}

static inline void strata_copy_inode_atime(struct inode *to,
					   const struct inode *from)
{
#ifdef STRATA_HAVE_INODE_TIME_ACCESSORS
	inode_set_atime_to_ts(to, inode_get_atime(from));
#else
	to->i_atime = from->i_atime;
#endif
}

/*
 * ->update_time's arguments: the inode and the S_* flags since 6.6; the new
 * time between them before. Strata's takes STRATA_UPDATE_TIME_ARGS and
 * uses @inode and @flags only.
 */
#ifdef STRATA_HAVE_UPDATE_TIME_FLAGS_ONLY
#define STRATA_UPDATE_TIME_ARGS struct inode *inode, int flags
#else
#define STRATA_UPDATE_TIME_ARGS struct inode *inode, struct timespec64 *time, \
				int flags
#endif

/*
 * POSIX ACLs: since 6.2 the VFS routes ACL xattrs to ->get_acl/->set_acl
 * (and permission checks to ->get_inode_acl) and never to xattr handlers;
 * before, ->get_acl served permission checks and the xattr handler the rest.
 */
#ifdef STRATA_HAVE_GET_INODE_ACL
#define STRATA_ACL_OPS_IN_XATTR	false
#define STRATA_INODE_ACL_OPS(get_inode, get, set) \
	.get_inode_acl = (get_inode), .get_acl = (get), .set_acl = (set)
#else
#define STRATA_ACL_OPS_IN_XATTR	true
#define STRATA_INODE_ACL_OPS(get_inode, get, set) .get_acl = (get_inode)
#endif

/* The ACL that permission checks on @real use. */
static inline struct posix_acl *strata_get_real_inode_acl(struct inode *real,
							  int type)
{
#ifdef STRATA_HAVE_GET_INODE_ACL
	return get_inode_acl(real, type);
#else
	return get_acl(real, type);
#endif
}

/* ACL objects of a real dentry (6.2+); ACLs are plain xattrs before. */
static inline struct posix_acl *strata_vfs_get_acl(strata_idmap_t *idmap,
						   struct dentry *real,
						   const char *name)
{
#ifdef STRATA_HAVE_GET_INODE_ACL
	return vfs_get_acl(idmap, real, name);
#else
	return ERR_PTR(-EOPNOTSUPP);
#endif
}

static inline int strata_vfs_set_acl(strata_idmap_t *idmap,
				     struct dentry *real, const char *name,
				     struct posix_acl *acl)
{
#ifdef STRATA_HAVE_GET_INODE_ACL
	if (!acl)
		return vfs_remove_acl(idmap, real, name);
	return vfs_set_acl(idmap, real, name, acl);
#else
	return -EOPNOTSUPP;
#endif
}

/*
 * Asks the security modules whether the xattr @name of @src goes to its
 * copy-up: 1 copy, 0 discard, or a negative error. Modules answer "discard"
 * with 1 before 6.12 and with -ECANCELED since.
 */
static inline int strata_lsm_copy_up_xattr(struct dentry *src,
					   const char *name)
{
#ifdef STRATA_HAVE_COPY_UP_XATTR_SRC
	int err = security_inode_copy_up_xattr(src, name);
#else
	int err = security_inode_copy_up_xattr(name);
#endif
	if (err == -EOPNOTSUPP || err == 0)
		return 1;	/* no module objects */
	if (err == 1 || err == -ECANCELED)
		return 0;
	return err;
}

/*
 * Freeze protection of the upper filesystem. Since 6.8 the data helpers
 * (vfs_iter_write(), do_splice_direct(), vfs_clone_file_range()) take it
 * themselves, and taking it twice deadlocks against a pending freeze; before,
 * their callers took it. STRATA_HELPERS_FREEZE says which.
 */
#ifdef STRATA_HAVE_WRITE_HELPERS_FREEZE
#define STRATA_HELPERS_FREEZE	true
#else
#define STRATA_HELPERS_FREEZE	false
#endif

#if defined(STRATA_HAVE_WRITE_HELPERS_FREEZE) && \
	!defined(STRATA_HAVE_MNT_GET_WRITE_ACCESS)
#error "write helpers that take freeze protection, but no mnt_get_write_access()"
#endif

/*
 * Write access to the upper in two parts. Where the helpers take freeze
 * protection themselves, a copy-up must not hold it around them, and the
 * copy-up lock must come before it (a task holding freeze protection while
 * it waits for a copy-up would deadlock against a pending freeze). So there
 * a change takes the mount's write count (strata_mnt_get_write()), copies
 * up, and only then takes freeze protection (strata_sb_start_write()).
 * Before 6.8 mnt_want_write() takes both at once and the second part is
 * empty.
 */
static inline int strata_mnt_get_write(struct vfsmount *mnt)
{
#ifdef STRATA_HAVE_WRITE_HELPERS_FREEZE
	return mnt_get_write_access(mnt);
#else
	return mnt_want_write(mnt);
#endif
}

static inline void strata_mnt_put_write(struct vfsmount *mnt)
{
#ifdef STRATA_HAVE_WRITE_HELPERS_FREEZE
	mnt_put_write_access(mnt);
#else
	mnt_drop_write(mnt);
#endif
}

static inline void strata_sb_start_write(struct super_block *upper_sb)
{
	if (STRATA_HELPERS_FREEZE)
		sb_start_write(upper_sb);
}

static inline void strata_sb_end_write(struct super_block *upper_sb)
{
	if (STRATA_HELPERS_FREEZE)
		sb_end_write(upper_sb);
}

/*
 * A copy-up holds freeze protection of the upper (from the second part
 * above, or from mnt_want_write() before 6.8) and copies the data in
 * between these two: where the helpers take freeze protection themselves,
 * the copy-up's own is let go meanwhile (the mount's write count stays).
 */
static inline void strata_data_copy_begin(struct super_block *upper_sb)
{
	if (STRATA_HELPERS_FREEZE)
		sb_end_write(upper_sb);
}

static inline void strata_data_copy_end(struct super_block *upper_sb)
{
	if (STRATA_HELPERS_FREEZE)
		sb_start_write(upper_sb);
}

/* Shares @len bytes of @in with @out (reflink); the freeze rule above. */
static inline loff_t strata_clone_range(struct file *in, struct file *out,
					loff_t len)
{
#ifdef STRATA_HAVE_WRITE_HELPERS_FREEZE
	return vfs_clone_file_range(in, 0, out, 0, len, 0);
#else
	return do_clone_file_range(in, 0, out, 0, len, 0);
#endif
}

/* Whether @sb folds case in names (casefold ext4, f2fs, tmpfs). */
static inline bool strata_sb_casefolds(const struct super_block *sb)
{
#if defined(STRATA_HAVE_SB_HAS_ENCODING)
	return sb_has_encoding(sb);
#elif IS_ENABLED(CONFIG_UNICODE)
	return sb->s_encoding;
#else
	return false;
#endif
}

/*
 * ->d_real(), in each kernel's form: the real dentry behind a strata one.
 * Real filesystems reach their own dentry through it (file_dentry() of a
 * real file, d_real_inode()); without it, a real file opened with the
 * strata path (6.1) would hand them Strata's dentry and inode. Only regular
 * files answer with another dentry, as in overlayfs. A real dentry on a
 * stacked layer is asked again.
 */
#ifdef STRATA_HAVE_D_REAL_TYPE
static inline struct dentry *strata_d_real_op(struct dentry *dentry,
					      enum d_real_type type)
{
	if (!d_is_reg(dentry))
		return dentry;
	return d_real(strata_i_top(d_inode(dentry)).dentry, type);
}
#else
/* @inode: the real inode the caller holds (a real file's), or NULL. */
static inline struct dentry *strata_d_real_op(struct dentry *dentry,
					      const struct inode *inode)
{
	struct inode *si = d_inode(dentry);
	struct dentry *real;

	if (inode == si || !d_is_reg(dentry))
		return dentry;
	real = strata_i_upper(si);
	if (real && (!inode || d_inode(real) == inode))
		return real;
	/* A file opened before its copy-up holds the lower inode. */
	if (strata_i_has_lower(si)) {
		real = d_real(strata_i_entry(si)->lower[0].dentry, inode);
		if (!inode || d_inode(real) == inode)
			return real;
	}
	WARN_ONCE(1, "strata: no real dentry of %pd2 for inode %lu\n", dentry,
		  inode->i_ino);
	return dentry;
}
#endif

/* Whether @op makes the default handles: 32-bit inode and generation. */
static inline bool strata_export_is_ino32(const struct export_operations *op)
{
#ifdef STRATA_HAVE_GENERIC_ENCODE_INO32_FH
	return op->encode_fh == generic_encode_ino32_fh;
#else
	return !op->encode_fh;
#endif
}

#endif /* _STRATA_COMPAT_H */
