/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Strata's internal API: prototypes grouped by file, and the strata_do_*
 * wrappers through which every VFS call on a real layer goes. Each wrapper
 * ends in a pr_debug line, so dynamic debug shows what Strata did to its
 * layers:  echo 'module strata +p' > /sys/kernel/debug/dynamic_debug/control
 */
#ifndef _STRATA_H
#define _STRATA_H

#undef pr_fmt
#define pr_fmt(fmt) "strata: " fmt

#include <linux/fs.h>
#include <linux/fileattr.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/namei.h>
#include <linux/security.h>
#include <linux/shrinker.h>
#include <linux/workqueue.h>
#include <linux/xattr.h>
#include "compat.h"
#include "entry.h"

#define STRATA_SUPER_MAGIC	0x53545241	/* "STRA" */
#define STRATA_VERSION		"0.1.0"

/*
 * Lower layers per mount. Docker's overlay2 stops at 128; mainline overlayfs
 * allows 500, and so does Strata.
 */
#define STRATA_MAX_LAYERS	500

/*
 * overlayfs's on-disk metadata, which Strata reads and writes the same way:
 * xattrs named trusted.overlay.NAME, or user.overlay.NAME with "userxattr".
 */
enum strata_xattr {
	STRATA_XATTR_OPAQUE,
	STRATA_XATTR_PROTATTR,		/* append-only and immutable flags */
	STRATA_XATTR_METACOPY,		/* refused: see strata_check_unsupported() */
	STRATA_XATTR_REDIRECT,		/* refused: see strata_check_unsupported() */
	STRATA_XATTR_ORIGIN,		/* the copy-up source's handle (origin.c) */
	STRATA_XATTR_IMPURE,		/* a directory with such copies (origin.c) */
	STRATA_XATTR_NLINK,		/* an index entry's union link count */
	STRATA_XATTR_UPPER,		/* the index's upper root (hardlinks.c) */
};

/* params.c: options, their parsing and their display */
struct strata_fs_context {
	char **lower;		/* layer paths, top first, unescaped */
	unsigned int num_lower;
	bool lower_added;	/* set by lowerdir+, which lowerdir= may not follow */
	bool lower_set;		/* set by lowerdir= */
	char *upper;
	char *work;
	struct strata_config config;
	bool index_given;	/* config.index is the option's, not the default */
	/* Set by any option of Strata's own (not by ro, rw, nosuid, ...):
	 * a remount that gives them must give the mounted values. */
	bool options_given;
};

extern const struct fs_parameter_spec strata_param_spec[];
int strata_parse_param(struct fs_context *fc, struct fs_parameter *param);
int strata_parse_monolithic(struct fs_context *fc, void *data);
void strata_fs_context_free_opts(struct strata_fs_context *ctx);
int strata_show_options(struct seq_file *m, struct dentry *root);

/* super.c */
int strata_init_fs_context(struct fs_context *fc);
void strata_kill_sb(struct super_block *sb);

/* module.c */
unsigned long strata_fs_type_magic(struct file_system_type *type);

/* namei.c: lookup across layers, and the dentry operations */
extern const struct dentry_operations strata_dentry_ops;
struct dentry *strata_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags);
int strata_lower_positive(struct dentry *dentry);
void strata_entry_put(struct strata_entry *e);
void strata_entry_free(struct strata_entry *e);
struct strata_entry *strata_entry_alloc(unsigned int num_lower);

/* inode.c */
extern const struct xattr_handler *strata_xattr_handlers[];
/* strata_get_inode()'s flags */
#define STRATA_GI_BY_LOWER	BIT(0)
#define STRATA_GI_INDEXED	BIT(1)
struct inode *strata_get_inode(struct super_block *sb, struct dentry *upper,
			       struct strata_entry *e, unsigned int flags);
void strata_inode_rehash(struct inode *inode);
void strata_copyattr(struct inode *inode);
int strata_setattr(strata_idmap_t *idmap, struct dentry *dentry,
		   struct iattr *attr);
bool strata_is_acl_xattr(const char *name);
struct posix_acl *strata_get_acl(strata_idmap_t *idmap, struct dentry *dentry,
				 int type);
struct posix_acl *strata_acl_from_layer(strata_idmap_t *idmap,
					const struct inode *real,
					struct posix_acl *acl);
int strata_set_acl(strata_idmap_t *idmap, struct dentry *dentry,
		   struct posix_acl *acl, int type);
u64 strata_ino(struct strata_fs *ofs, struct strata_layer *layer, u64 real_ino);
u64 strata_nondir_ino(struct strata_fs *ofs, struct dentry *upper,
		      const struct strata_path *origin, bool indexed);
int strata_inode_cache_init(void);
void strata_inode_cache_exit(void);
struct inode *strata_alloc_inode(struct super_block *sb);
void strata_destroy_inode(struct inode *inode);
void strata_free_inode(struct inode *inode);

/* copy_up.c: bringing lower objects into the upper layer */
int strata_copy_up(struct dentry *dentry);
int strata_prepare_change(struct dentry *dentry);
int strata_prepare_name_change(struct dentry *dentry, struct inode *counted);
int strata_prepare_inode_change(struct dentry *dentry);
int strata_copy_attrs(struct strata_fs *ofs, struct dentry *to,
		      const struct kstat *stat);
int strata_copy_up_xattrs(struct strata_fs *ofs, const struct path *from,
			  struct dentry *to);

/* fileattr.c: inode flags (chattr) through the union */
struct fileattr;
void strata_mirror_flags(struct inode *inode);
void strata_read_protattr(struct inode *inode, struct dentry *upper);
int strata_fileattr_get(struct dentry *dentry, struct fileattr *fa);
int strata_fileattr_set(strata_idmap_t *idmap, struct dentry *dentry,
			struct fileattr *fa);
int strata_copy_up_fileattr(struct inode *inode, const struct path *lower,
			    const struct path *temp);

/* dir.c: namespace operations */
struct strata_cattr {
	umode_t mode;			/* type and permission bits */
	dev_t rdev;			/* devices */
	const char *link;		/* symlinks: the target */
	struct dentry *hardlink;	/* links: the real object to link */
	struct inode *inode;		/* links: the strata inode joined */
	bool impure;			/* links: of an object numbered by its
					 * origin (STRATA_I_ORIGIN) */
};

int strata_create_real(struct strata_fs *ofs, struct inode *dir,
		       struct dentry *new, const struct strata_cattr *attr);
int strata_create(strata_idmap_t *idmap, struct inode *dir,
		  struct dentry *dentry, umode_t mode, bool excl);
int strata_mkdir(strata_idmap_t *idmap, struct inode *dir,
		 struct dentry *dentry, umode_t mode);
int strata_mknod(strata_idmap_t *idmap, struct inode *dir,
		 struct dentry *dentry, umode_t mode, dev_t rdev);
int strata_symlink(strata_idmap_t *idmap, struct inode *dir,
		   struct dentry *dentry, const char *target);
int strata_link(struct dentry *old, struct inode *dir, struct dentry *new);
int strata_unlink(struct inode *dir, struct dentry *dentry);
int strata_rmdir(struct inode *dir, struct dentry *dentry);
int strata_rename(strata_idmap_t *idmap, struct inode *olddir,
		  struct dentry *old, struct inode *newdir, struct dentry *new,
		  unsigned int flags);

/* file.c */
extern const struct file_operations strata_file_ops;

/* readdir.c: directory files */
extern const struct file_operations strata_dir_ops;

/* listing.c: merged listings */
struct strata_listing;
bool strata_dir_is_merged(struct inode *dir);
struct strata_listing *strata_listing_get(struct inode *dir);
void strata_listing_put(struct strata_listing *l);
unsigned int strata_listing_size(struct strata_listing *l);
struct strata_name *strata_listing_entry(struct strata_listing *l,
					 unsigned int pos);
int strata_dir_check_empty(struct dentry *dentry, bool *has_whiteouts);
void strata_dir_changed(struct inode *dir);
struct strata_listing *strata_dir_listing_take(struct inode *dir,
					       unsigned long *names);

/* index.c: the lower-name index of directories */
unsigned int strata_dir_first_lower(struct inode *dir, const struct qstr *name);
void strata_dir_count_probes(struct inode *dir, unsigned int probes);
struct strata_index *strata_dir_index_get(struct inode *dir);
void strata_index_put(struct strata_index *index);
struct strata_index *strata_dir_index_take(struct inode *dir,
					   unsigned long *names);
int strata_index_wq_init(void);
void strata_index_wq_exit(void);

/* reclaim.c: the directory caches under memory pressure */
void strata_cache_init_fs(struct strata_fs *ofs);
void strata_cache_add(struct inode *dir, unsigned long names);
void strata_cache_sub(struct super_block *sb, unsigned long names);
void strata_dir_cache_free(struct inode *dir);
long strata_nr_cached_objects(struct super_block *sb,
			      struct shrink_control *sc);
long strata_free_cached_objects(struct super_block *sb,
				struct shrink_control *sc);

/* names.c: sets of directory entry names */
struct strata_name {
	struct hlist_node hash;
	struct list_head list;
	u64 ino;
	unsigned int layer;	/* lower-name index: the first lower holding it */
	u16 len;		/* at most NAME_MAX */
	u8 type;		/* DT_* */
	bool whiteout;
	char name[];
};

/* A page the names of a set are carved from; see strata_names_add(). */
struct strata_names_chunk;

/* A set of names in insertion order with O(1) lookup; grows as it fills. */
struct strata_names {
	struct hlist_head *buckets;
	u32 seed;		/* the hash's, random per set */
	unsigned int bits;
	unsigned int count;
	struct list_head list;
	struct strata_names_chunk *chunks;	/* newest first */
	unsigned int chunk_used;		/* bytes of the newest taken */
};

/* The lower-name index of one directory (index.c). */
struct strata_index {
	refcount_t ref;		/* while published, and one per listing */
	struct rcu_work free_work;
	struct strata_names names;
};

int strata_names_init(struct strata_names *n);
void strata_names_free(struct strata_names *n);
struct strata_name *strata_names_find(struct strata_names *n,
				      const char *name, unsigned int len);
struct strata_name *strata_names_add(struct strata_names *n, const char *name,
				     unsigned int len, u64 ino,
				     unsigned int type);
int strata_names_read(const struct path *dir, struct strata_names *names,
		      struct strata_fs *ofs, struct strata_layer *layer);
int strata_names_read_layer(struct strata_fs *ofs, struct strata_names *names,
			    const struct strata_path *dir, unsigned int index);
typedef int (*strata_name_fn)(const struct path *dir, struct strata_name *p,
			      void *arg);
int strata_names_each(const struct path *dir, strata_name_fn fn, void *arg);

/* How an origin value reads (strata_fb_check(), origin.c). */
enum strata_fb_verdict { STRATA_FB_OK, STRATA_FB_UNKNOWN, STRATA_FB_BAD };

#if IS_ENABLED(CONFIG_KUNIT)
/* Pure logic, static without KUnit, exported to the KUnit suites with it. */
enum strata_fb_verdict strata_fb_check(const void *value, size_t size);
int strata_nlink_parse(const char *buf, size_t len, char *base, int *diff);
int strata_split_lowerdir(char *s, char **out, unsigned int max);
size_t strata_escape_layer(const char *in, char *out);
char *strata_next_option(char **s);
u32 strata_name_hash(const struct strata_names *n, const char *name,
		     unsigned int len, unsigned int bits);
#endif

/* format.c: overlayfs's on-disk format (whiteouts, opaque marks, names) */
bool strata_is_whiteout(struct dentry *real);
bool strata_dentry_weird(struct dentry *real);
bool strata_xattr_absent(const struct strata_fs *ofs, ssize_t res);
int strata_check_opaque(struct strata_fs *ofs, const struct strata_path *real,
			bool *opaque);
int strata_set_opaque(struct strata_fs *ofs, struct dentry *real);
int strata_check_unsupported(struct strata_fs *ofs,
			     const struct strata_path *real, bool follows);
const char *strata_xattr_name(struct strata_fs *ofs, enum strata_xattr x);
bool strata_is_private_xattr(struct strata_fs *ofs, const char *name);

/* aufs.c: lower layers in the AUFS whiteout format (aufs_whiteouts) */
#define STRATA_AUFS_PREFIX	".wh."
#define STRATA_AUFS_PREFIX_LEN	(sizeof(STRATA_AUFS_PREFIX) - 1)
enum strata_aufs_kind {
	STRATA_AUFS_PLAIN,	/* a name like any other */
	STRATA_AUFS_WHITEOUT,	/* ".wh.NAME": NAME is deleted below */
	STRATA_AUFS_META,	/* the opaque marker, aufs's own entries */
};
enum strata_aufs_kind strata_aufs_name(const struct strata_fs *ofs,
				       const struct strata_layer *layer,
				       const char *name, unsigned int len);
int strata_aufs_whiteout(struct strata_fs *ofs, const struct strata_path *dir,
			 const struct qstr *name);
int strata_aufs_opaque(struct strata_fs *ofs, const struct strata_path *dir);

/* origin.c: where copies came from, in overlayfs's format */
bool strata_fs_has_handles(struct super_block *sb);
bool strata_fs_ino32(struct super_block *sb);
int strata_set_origin(struct strata_fs *ofs, const struct strata_path *lower,
		      struct dentry *copy);
int strata_origin_get(struct strata_fs *ofs, struct dentry *upper,
		      struct strata_path *origin);
int strata_upper_ino(struct strata_fs *ofs, struct dentry *real, u64 *ino);
int strata_fh_verify(struct strata_fs *ofs, struct dentry *target,
		     enum strata_xattr x, struct dentry *real, bool upper,
		     bool set);
char *strata_index_name(struct strata_fs *ofs, struct dentry *lower);
int strata_index_check_name(struct strata_fs *ofs, struct dentry *index);
bool strata_is_impure(struct strata_fs *ofs, struct dentry *real);
int strata_set_impure(struct inode *dir);

/* hardlinks.c: index=on, lower hard links kept whole through copy-up */
int strata_hl_setup(struct fs_context *fc, struct strata_fs *ofs);
bool strata_hl_keeps(struct strata_fs *ofs, struct dentry *lower);
bool strata_hl_wanted(struct inode *inode);
bool strata_hl_needs_link_up(struct dentry *dentry);
struct dentry *strata_hl_lookup(struct strata_fs *ofs, struct dentry *origin,
				struct dentry *upper);
void strata_hl_init(struct inode *inode);
unsigned int strata_hl_nlink(struct inode *inode, unsigned int real_nlink);
int strata_hl_record_copy(struct inode *inode, struct dentry *temp);
int strata_hl_link_begin(struct inode *inode);
int strata_hl_link_done(struct inode *inode);
int strata_hl_before_change(struct inode *inode);
void strata_hl_after_change(struct inode *inode);

/* workdir.c: the upper's private work area and the objects made there */
struct dentry *strata_work_temp(struct strata_fs *ofs);
struct dentry *strata_work_whiteout(struct strata_fs *ofs);
int strata_prepare_workdir(struct fs_context *fc, const struct path *workdir,
			   struct strata_fs *ofs);
int strata_work_cleanup(struct strata_fs *ofs, struct dentry *victim);
int strata_workdir_subdir(const struct path *workdir, const char *name,
			  struct dentry **sub);
int strata_work_remove_name(const struct path *dir, struct strata_name *p);

/* util.c */
const struct cred *strata_install_creds(const struct cred *cred);
const struct cred *strata_override_creds(struct super_block *sb);
void strata_revert_creds(const struct cred *old);
int strata_get_write_access(struct super_block *sb);
void strata_put_write_access(struct super_block *sb);
void strata_start_write(struct super_block *sb);
void strata_end_write(struct super_block *sb);
int strata_want_write(struct super_block *sb);
void strata_drop_write(struct super_block *sb);

/* sysfs.c */
bool strata_index_default(void);
int strata_sysfs_init(void);
void strata_sysfs_exit(void);

/* userns.c */
bool strata_userns_mounts_allowed(void);
void strata_userns_mounts_set(bool allow);
int strata_userns_check_fc(struct fs_context *fc);
int strata_userns_check_mount(struct fs_context *fc,
			      const struct strata_config *config);

/*
 * The mapping of the layer's ids: an idmapped layer's owners, as the VFS
 * sees them through the layer's mount, are the owners Strata shows, and the
 * ids it writes are mapped back the same way.
 */
static inline strata_idmap_t *strata_layer_idmap(const struct strata_layer *l)
{
	return strata_mnt_idmap(l->mnt);
}

static inline strata_idmap_t *strata_upper_idmap(const struct strata_fs *ofs)
{
	return strata_layer_idmap(&ofs->upper);
}

/*
 * Wrappers for VFS calls on real layers; callers hold the mounter's creds.
 * @idmap is the mapping of the layer the object is on; the upper's for
 * every call that writes.
 */
static inline struct dentry *strata_do_lookup(strata_idmap_t *idmap,
					      const char *name, int len,
					      struct dentry *base)
{
	struct dentry *d = lookup_one_unlocked(idmap, name, base, len);

	pr_debug("lookup(%pd2, \"%.*s\") = %pe\n", base, len, name,
		 IS_ERR(d) ? d : (d_is_negative(d) ? ERR_PTR(-ENOENT) : NULL));
	return d;
}

static inline ssize_t strata_do_getxattr(strata_idmap_t *idmap,
					 struct dentry *real, const char *name,
					 void *value, size_t size)
{
	ssize_t ret = vfs_getxattr(idmap, real, name, value, size);

	pr_debug("getxattr(%pd2, \"%s\", %zu) = %zd\n", real, name, size, ret);
	return ret;
}

/* A handle of @real, without its parent; returns its type or an error. */
static inline int strata_do_encode_fh(struct dentry *real, u32 *fid,
				      int *dwords)
{
	int ret = exportfs_encode_fh(real, (struct fid *)fid, dwords, 0);

	pr_debug("encode_fh(%pd2) = %d\n", real, ret);
	return ret;
}

static inline struct dentry *strata_do_decode_fh(struct vfsmount *mnt,
						 u32 *fid, int dwords, int type,
						 int (*acceptable)(void *, struct dentry *))
{
	struct dentry *d = exportfs_decode_fh(mnt, (struct fid *)fid, dwords,
					      type, acceptable, NULL);

	pr_debug("decode_fh(type %d, %d words) = %pe\n", type, dwords,
		 IS_ERR(d) ? d : NULL);
	return d;
}

static inline ssize_t strata_do_listxattr(struct dentry *real, char *list,
					  size_t size)
{
	ssize_t ret = vfs_listxattr(real, list, size);

	pr_debug("listxattr(%pd2, %zu) = %zd\n", real, size, ret);
	return ret;
}

/*
 * @flags may carry STRATA_AT_GETATTR_NOSEC: the VFS asks Strata's getattr
 * to skip the security check it already made, and so must Strata.
 */
static inline int strata_do_getattr(const struct path *real,
				    struct kstat *stat, u32 mask,
				    unsigned int flags)
{
	int err = (flags & STRATA_AT_GETATTR_NOSEC) ?
		  vfs_getattr_nosec(real, stat, mask, flags) :
		  vfs_getattr(real, stat, mask, flags);

	pr_debug("getattr(%pd2) = %d\n", real->dentry, err);
	return err;
}

/* Opens @real as the real file behind the strata file @user. */
static inline struct file *strata_do_open(const struct file *user,
					  const struct path *real, int flags)
{
	struct file *f = strata_open_backing(user, flags, real);

	pr_debug("open(%pd2, 0%o) = %pe\n", real->dentry, flags,
		 IS_ERR(f) ? f : NULL);
	return f;
}

static inline struct file *strata_do_open_dir(const struct path *real)
{
	struct file *f = dentry_open(real, O_RDONLY | O_DIRECTORY,
				     current_cred());

	pr_debug("opendir(%pd2) = %pe\n", real->dentry, IS_ERR(f) ? f : NULL);
	return f;
}

static inline int strata_do_iterate(struct file *realdir,
				    struct dir_context *ctx)
{
	int err = iterate_dir(realdir, ctx);

	pr_debug("iterate(%pd2) = %d\n", realdir->f_path.dentry, err);
	return err;
}

static inline const char *strata_do_get_link(struct dentry *real,
					     struct delayed_call *done)
{
	const char *p = vfs_get_link(real, done);

	pr_debug("get_link(%pd2) = %pe\n", real, IS_ERR(p) ? p : NULL);
	return p;
}

static inline int strata_do_statfs(const struct path *real,
				   struct kstatfs *buf)
{
	int err = vfs_statfs(real, buf);

	pr_debug("statfs(%pd2) = %d\n", real->dentry, err);
	return err;
}

static inline int strata_do_mkdir(strata_idmap_t *idmap, struct inode *dir,
				  struct dentry *dentry, umode_t mode)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_mkdir(idmap, dir, dentry, mode);
	pr_debug("mkdir(%pd2, 0%o) = %d\n", dentry, mode, err);
	return err;
}

static inline int strata_do_create(strata_idmap_t *idmap, struct inode *dir,
				   struct dentry *dentry, umode_t mode)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_create(idmap, dir, dentry, mode, true);
	pr_debug("create(%pd2, 0%o) = %d\n", dentry, mode, err);
	return err;
}

static inline int strata_do_unlink(strata_idmap_t *idmap, struct inode *dir,
				   struct dentry *dentry)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_unlink(idmap, dir, dentry, NULL);
	pr_debug("unlink(%pd2) = %d\n", dentry, err);
	return err;
}

static inline int strata_do_rmdir(strata_idmap_t *idmap, struct inode *dir,
				  struct dentry *dentry)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_rmdir(idmap, dir, dentry);
	pr_debug("rmdir(%pd2) = %d\n", dentry, err);
	return err;
}

static inline int strata_do_setxattr(strata_idmap_t *idmap,
				     struct dentry *real, const char *name,
				     const void *value, size_t size, int flags)
{
	int err = vfs_setxattr(idmap, real, name, value, size, flags);

	pr_debug("setxattr(%pd2, \"%s\", %zu, %d) = %d\n", real, name, size,
		 flags, err);
	return err;
}

static inline int strata_do_removexattr(strata_idmap_t *idmap,
					struct dentry *real, const char *name)
{
	int err = vfs_removexattr(idmap, real, name);

	pr_debug("removexattr(%pd2, \"%s\") = %d\n", real, name, err);
	return err;
}

/*
 * The LSM's ioctl hook stands in for a fileattr hook, which the kernel
 * lacks; it takes a file, so one is opened on the real object to ask it.
 */
static inline int strata_do_fileattr_lsm(const struct path *real,
					 const struct fileattr *fa, bool set)
{
	unsigned int cmd;
	struct file *f;
	int err;

	if (set)
		cmd = fa->fsx_valid ? FS_IOC_FSSETXATTR : FS_IOC_SETFLAGS;
	else
		cmd = fa->fsx_valid ? FS_IOC_FSGETXATTR : FS_IOC_GETFLAGS;
	f = dentry_open(real, O_RDONLY | O_LARGEFILE, current_cred());
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = security_file_ioctl(f, cmd, 0);
	fput(f);
	return err;
}

static inline int strata_do_fileattr_get(const struct path *real,
					 struct fileattr *fa)
{
	int err = strata_do_fileattr_lsm(real, fa, false);

	if (!err)
		err = vfs_fileattr_get(real->dentry, fa);
	if (err == -ENOIOCTLCMD)
		err = -ENOTTY;
	pr_debug("fileattr_get(%pd2) = %d (flags 0x%x)\n", real->dentry, err,
		 fa->flags);
	return err;
}

static inline int strata_do_fileattr_set(const struct path *real,
					 struct fileattr *fa)
{
	int err = strata_do_fileattr_lsm(real, fa, true);

	if (!err)
		err = vfs_fileattr_set(strata_mnt_idmap(real->mnt),
				       real->dentry, fa);
	pr_debug("fileattr_set(%pd2, 0x%x) = %d\n", real->dentry, fa->flags, err);
	return err;
}

/* The VFS's access-time update of a real object (relatime and all). */
static inline void strata_do_touch_atime(const struct path *real)
{
	touch_atime(real);
	pr_debug("touch_atime(%pd2)\n", real->dentry);
}

/* Looks @name up in @base, which the caller has locked. */
static inline struct dentry *strata_do_lookup_locked(strata_idmap_t *idmap,
						     const char *name, int len,
						     struct dentry *base)
{
	struct dentry *d;

	lockdep_assert_held(&d_inode(base)->i_rwsem);
	d = lookup_one(idmap, name, base, len);
	pr_debug("lookup_locked(%pd2, \"%.*s\") = %pe\n", base, len, name,
		 IS_ERR(d) ? d : (d_is_negative(d) ? ERR_PTR(-ENOENT) : NULL));
	return d;
}

static inline int strata_do_mknod(strata_idmap_t *idmap, struct inode *dir,
				  struct dentry *dentry, umode_t mode, dev_t dev)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_mknod(idmap, dir, dentry, mode, dev);
	pr_debug("mknod(%pd2, 0%o, %u:%u) = %d\n", dentry, mode, MAJOR(dev),
		 MINOR(dev), err);
	return err;
}

static inline int strata_do_whiteout(strata_idmap_t *idmap, struct inode *dir,
				     struct dentry *dentry)
{
	return strata_do_mknod(idmap, dir, dentry, S_IFCHR | WHITEOUT_MODE,
			       WHITEOUT_DEV);
}

static inline int strata_do_symlink(strata_idmap_t *idmap, struct inode *dir,
				    struct dentry *dentry, const char *target)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_symlink(idmap, dir, dentry, target);
	pr_debug("symlink(%pd2, \"%s\") = %d\n", dentry, target, err);
	return err;
}

static inline int strata_do_link(strata_idmap_t *idmap, struct dentry *old,
				 struct inode *dir, struct dentry *new)
{
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	err = vfs_link(old, idmap, dir, new, NULL);
	pr_debug("link(%pd2, %pd2) = %d\n", old, new, err);
	return err;
}

/* Both parents are locked with lock_rename(). */
static inline int strata_do_rename(strata_idmap_t *idmap, struct inode *olddir,
				   struct dentry *old, struct inode *newdir,
				   struct dentry *new, unsigned int flags)
{
	struct renamedata rd = {
		STRATA_RENAMEDATA_IDMAPS(idmap),
		.old_dir = olddir,
		.old_dentry = old,
		.new_dir = newdir,
		.new_dentry = new,
		.flags = flags,
	};
	int err;

	lockdep_assert_held_write(&olddir->i_rwsem);
	lockdep_assert_held_write(&newdir->i_rwsem);
	err = vfs_rename(&rd);
	pr_debug("rename(%pd2, %pd2, 0x%x) = %d\n", old, new, flags, err);
	return err;
}

/* @real's inode is locked by the caller. */
static inline int strata_do_setattr(strata_idmap_t *idmap, struct dentry *real,
				    struct iattr *attr)
{
	int err;

	lockdep_assert_held_write(&d_inode(real)->i_rwsem);
	err = notify_change(idmap, real, attr, NULL);
	pr_debug("setattr(%pd2, 0x%x) = %d\n", real, attr->ia_valid, err);
	return err;
}

static inline int strata_do_permission(strata_idmap_t *idmap,
				       struct inode *real, int mask)
{
	int err = inode_permission(idmap, real, mask);

	pr_debug("permission(ino %lu, 0x%x) = %d\n", real->i_ino, mask, err);
	return err;
}

/* Opens @real as the mounter, for Strata's own use (copy-up, workdir). */
static inline struct file *strata_do_open_path(const struct path *real,
					       int flags)
{
	struct file *f = dentry_open(real, flags, current_cred());

	pr_debug("open_path(%pd2, 0%o) = %pe\n", real->dentry, flags,
		 IS_ERR(f) ? f : NULL);
	return f;
}

static inline loff_t strata_do_llseek(struct file *real, loff_t offset,
				      int whence)
{
	loff_t ret = vfs_llseek(real, offset, whence);

	pr_debug("llseek(%pD, %lld, %d) = %lld\n", real, offset, whence, ret);
	return ret;
}

static inline ssize_t strata_do_read_iter(struct file *real,
					  struct iov_iter *iter, loff_t *pos,
					  rwf_t flags)
{
	ssize_t ret = vfs_iter_read(real, iter, pos, flags);

	pr_debug("read_iter(%pD, %lld) = %zd\n", real, *pos, ret);
	return ret;
}

/* Takes the real file's freeze protection where the helper does not. */
static inline ssize_t strata_do_write_iter(struct file *real,
					   struct iov_iter *iter, loff_t *pos,
					   rwf_t flags)
{
	ssize_t ret;

	if (!STRATA_HELPERS_FREEZE)
		file_start_write(real);
	ret = vfs_iter_write(real, iter, pos, flags);
	if (!STRATA_HELPERS_FREEZE)
		file_end_write(real);
	pr_debug("write_iter(%pD, %lld) = %zd\n", real, *pos, ret);
	return ret;
}

static inline long strata_do_fallocate(struct file *real, int mode,
				       loff_t offset, loff_t len)
{
	long ret = vfs_fallocate(real, mode, offset, len);

	pr_debug("fallocate(%pD, 0x%x, %lld, %lld) = %ld\n", real, mode,
		 offset, len, ret);
	return ret;
}

static inline int strata_do_fsync(struct file *real, loff_t start, loff_t end,
				  int datasync)
{
	int err = vfs_fsync_range(real, start, end, datasync);

	pr_debug("fsync(%pD, %d) = %d\n", real, datasync, err);
	return err;
}

static inline ssize_t strata_do_splice_read(struct file *real, loff_t *ppos,
					    struct pipe_inode_info *pipe,
					    size_t len, unsigned int flags)
{
	ssize_t ret = strata_splice_read_real(real, ppos, pipe, len, flags);

	pr_debug("splice_read(%pD, %zu) = %zd\n", real, len, ret);
	return ret;
}

/* @vma already points at @real (vma_set_file()). */
static inline int strata_do_mmap(struct file *real, struct vm_area_struct *vma)
{
	int err = call_mmap(real, vma);

	pr_debug("mmap(%pD) = %d\n", real, err);
	return err;
}

static inline int strata_do_fadvise(struct file *real, loff_t offset,
				    loff_t len, int advice)
{
	int err = vfs_fadvise(real, offset, len, advice);

	pr_debug("fadvise(%pD, %d) = %d\n", real, advice, err);
	return err;
}

/*
 * Copy-up's data movers, @out being the copy in work. Where the helpers
 * take the upper's freeze protection themselves, the caller must not hold
 * it (strata_copy_up_data_begin()).
 */
static inline loff_t strata_do_clone(struct file *in, struct file *out,
				     loff_t len)
{
	loff_t ret = strata_clone_range(in, out, len);

	pr_debug("clone(%pD, %pD, %lld) = %lld\n", in, out, len, ret);
	return ret;
}

static inline ssize_t strata_do_splice_copy(struct file *in, struct file *out,
					    loff_t pos, size_t len)
{
	loff_t in_pos = pos, out_pos = pos;
	ssize_t ret = do_splice_direct(in, &in_pos, out, &out_pos, len, 0);

	pr_debug("splice_copy(%pD, %pD, %lld, %zu) = %zd\n", in, out, pos, len,
		 ret);
	return ret;
}

/*
 * Locks two real directories for a rename between them. Returns the
 * trap (see lock_rename()) or an error: since 6.8 lock_rename() refuses
 * directories that stopped being related as they were when it began.
 */
static inline struct dentry *strata_do_lock_rename(struct dentry *d1,
						   struct dentry *d2)
{
	struct dentry *trap = lock_rename(d1, d2);

	pr_debug("lock_rename(%pd2, %pd2) = %pe\n", d1, d2,
		 IS_ERR(trap) ? trap : NULL);
	return trap;
}

static inline void strata_do_unlock_rename(struct dentry *d1,
					   struct dentry *d2)
{
	unlock_rename(d1, d2);
}

/* POSIX ACLs as objects; EOPNOTSUPP where ACLs are still xattrs (6.1). */
static inline struct posix_acl *strata_do_get_acl(strata_idmap_t *idmap,
						  struct dentry *real,
						  const char *name)
{
	struct posix_acl *acl = strata_vfs_get_acl(idmap, real, name);

	acl = strata_acl_from_layer(idmap, d_inode(real), acl);
	pr_debug("get_acl(%pd2, \"%s\") = %pe\n", real, name,
		 IS_ERR(acl) ? acl : NULL);
	return acl;
}

/*
 * @acl NULL removes the ACL. The VFS maps an ACL for an idmapped mount in
 * place, so such a mount is given a copy and the caller's stays as it was.
 */
static inline int strata_do_set_acl(strata_idmap_t *idmap, struct dentry *real,
				    const char *name, struct posix_acl *acl)
{
	struct posix_acl *copy = NULL;
	int err;

	if (acl && idmap != strata_nop_idmap) {
		copy = posix_acl_clone(acl, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
		acl = copy;
	}
	err = strata_vfs_set_acl(idmap, real, name, acl);
	posix_acl_release(copy);
	pr_debug("set_acl(%pd2, \"%s\", %p) = %d\n", real, name, acl, err);
	return err;
}

/* The upper mount's write count; with freeze protection before 6.8. */
static inline int strata_do_get_write_access(struct vfsmount *mnt)
{
	int err = strata_mnt_get_write(mnt);

	pr_debug("get_write_access(%s) = %d\n", mnt->mnt_sb->s_id, err);
	return err;
}

static inline void strata_do_put_write_access(struct vfsmount *mnt)
{
	strata_mnt_put_write(mnt);
}

/* Write access to @mnt, a layer's private mount. */
static inline int strata_do_want_write(struct vfsmount *mnt)
{
	int err = mnt_want_write(mnt);

	pr_debug("want_write(%s) = %d\n", mnt->mnt_sb->s_id, err);
	return err;
}

static inline void strata_do_drop_write(struct vfsmount *mnt)
{
	mnt_drop_write(mnt);
}

#endif /* _STRATA_H */
