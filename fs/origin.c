// SPDX-License-Identifier: GPL-2.0-only
/*
 * Origin and impure records, in overlayfs's on-disk format.
 *
 * A copy-up leaves on the upper object the file handle of the lower object
 * it was copied from (overlay.origin), so that the union keeps showing the
 * lower's inode number after the copy is looked up again: after a remount,
 * or once the inode was evicted. The upper directory that receives such an
 * object is marked overlay.impure = "y": its listing must translate that
 * entry's inode number (readdir.c, listing.c).
 *
 * The origin value is a struct strata_fb: a 21-byte header (version 0,
 * magic 0xfb, length, flags, the real handle's type, the uuid of the
 * lower's filesystem), then the lower filesystem's own handle bytes. An
 * empty value means "copied up, origin unknown": the lower's filesystem
 * cannot make handles, or the mounter may not decode them.
 *
 * Following an origin decodes the handle in each lower layer whose
 * filesystem carries the recorded uuid, top first. A handle that no layer
 * resolves any more, or that resolves to an object of another type, is no
 * origin: the copy is then a plain upper object, as in overlayfs.
 */
#include "strata.h"
#include <kunit/visibility.h>
#include <linux/exportfs.h>
#include <linux/slab.h>
#include <linux/uuid.h>

#define STRATA_FB_VERSION	0
#define STRATA_FB_MAGIC		0xfb
#define STRATA_FB_BIG_ENDIAN	(1 << 0)	/* the writer's byte order */
#define STRATA_FB_ANY_ENDIAN	(1 << 1)	/* the fid reads in either */
#define STRATA_FB_UPPER		(1 << 2)	/* an upper's handle: no origin */
#define STRATA_FB_FLAGS		(STRATA_FB_BIG_ENDIAN | STRATA_FB_ANY_ENDIAN | \
				 STRATA_FB_UPPER)
#ifdef __BIG_ENDIAN
#define STRATA_FB_NATIVE	STRATA_FB_BIG_ENDIAN
#else
#define STRATA_FB_NATIVE	0
#endif

/* The origin xattr's value, as overlayfs lays it out. */
struct strata_fb {
	u8 version;
	u8 magic;
	u8 len;		/* header and fid */
	u8 flags;
	u8 type;	/* the real filesystem's fid type */
	uuid_t uuid;	/* of the real filesystem, or null with uuid=off */
	u32 fid[];	/* the real filesystem's handle */
} __packed;

#define STRATA_FB_MAX	(sizeof(struct strata_fb) + MAX_HANDLE_SZ)

/*
 * An fb in memory: three bytes ahead of it align its fid for the real
 * filesystem's encoder and decoder, which read it as 32-bit words. Only
 * the fb reaches the disk.
 */
struct strata_fh {
	u8 pad[3];
	struct strata_fb fb;
} __packed;

static struct strata_fh *strata_fh_alloc(void)
{
	return kzalloc(sizeof(struct strata_fh) + MAX_HANDLE_SZ, GFP_KERNEL);
}

/* Whether @sb's filesystem decodes file handles. */
static bool strata_sb_decodes(struct super_block *sb)
{
	return sb->s_export_op && sb->s_export_op->fh_to_dentry;
}

/*
 * Whether the mounter can follow handles on @sb: the filesystem decodes
 * them, and the mounter may open objects by handle. Runs as the mounter.
 */
bool strata_fs_has_handles(struct super_block *sb)
{
	return capable(CAP_DAC_READ_SEARCH) && strata_sb_decodes(sb);
}

/*
 * Whether every handle @sb makes holds a 32-bit inode number and nothing
 * wider: then its inode numbers leave the top 32 bits free (see
 * strata_ino()).
 */
bool strata_fs_ino32(struct super_block *sb)
{
	return strata_fs_has_handles(sb) &&
	       strata_export_is_ino32(sb->s_export_op);
}

/* The uuid an origin records for an object on @sb. */
static const uuid_t *strata_fb_uuid(struct strata_fs *ofs,
				    struct super_block *sb)
{
	if (ofs->config.uuid == STRATA_UUID_OFF && ofs->samefs)
		return &uuid_null;
	return &sb->s_uuid;
}

/*
 * Encodes @real into a new fh, marked as an upper's handle if @upper; *len
 * is 0 (and the result NULL) where its filesystem cannot make handles. As
 * the mounter.
 */
static struct strata_fh *strata_fh_encode(struct strata_fs *ofs,
					  struct dentry *real, bool upper,
					  int *len)
{
	int dwords = MAX_HANDLE_SZ >> 2, type;
	struct strata_fh *fh;

	*len = 0;
	if (!strata_fs_has_handles(real->d_sb))
		return NULL;
	fh = strata_fh_alloc();
	if (!fh)
		return ERR_PTR(-ENOMEM);
	type = strata_do_encode_fh(real, fh->fb.fid, &dwords);
	if (type < 0 || type == FILEID_INVALID || dwords > (MAX_HANDLE_SZ >> 2)) {
		pr_warn_ratelimited("cannot encode a file handle of %pd2 (%d)\n",
				    real, type);
		kfree(fh);
		return ERR_PTR(-EIO);
	}
	fh->fb.version = STRATA_FB_VERSION;
	fh->fb.magic = STRATA_FB_MAGIC;
	fh->fb.flags = STRATA_FB_NATIVE | (upper ? STRATA_FB_UPPER : 0);
	fh->fb.type = type;
	fh->fb.len = sizeof(fh->fb) + dwords * 4;
	uuid_copy(&fh->fb.uuid, strata_fb_uuid(ofs, real->d_sb));
	*len = fh->fb.len;
	return fh;
}

/**
 * strata_set_origin - record on a copy where it came from
 * @ofs:   the mount
 * @lower: the object copied, and its layer
 * @copy:  the copy, not yet visible
 *
 * Returns 1 where the copy records a handle a lookup can follow; 0 where
 * it records none or an empty one ("origin unknown": the lower's
 * filesystem makes no handles, or a symlink or special file, which cannot
 * carry user.* xattrs, under "userxattr"), as in overlayfs, or one that
 * names a filesystem by a uuid lookups do not trust (bad_uuid); or an
 * error that fails the copy-up (EIO: a handle the filesystem could not
 * encode).
 */
int strata_set_origin(struct strata_fs *ofs, const struct strata_path *lower,
		      struct dentry *copy)
{
	struct strata_fh *fh;
	int len, err;

	fh = strata_fh_encode(ofs, lower->dentry, false, &len);
	if (IS_ERR(fh))
		return PTR_ERR(fh);
	err = strata_do_setxattr(strata_upper_idmap(ofs), copy,
				 strata_xattr_name(ofs, STRATA_XATTR_ORIGIN),
				 fh ? &fh->fb : NULL, len, 0);
	kfree(fh);
	if (err == -EPERM && ofs->config.userxattr && !d_is_reg(copy) &&
	    !d_is_dir(copy))
		return 0;
	return err ?: len > 0 && !lower->layer->bad_uuid;
}

/**
 * strata_fb_check - how an origin value of @size bytes reads
 * @value: the bytes
 * @size:  their number
 *
 * STRATA_FB_OK: a handle to follow. STRATA_FB_UNKNOWN: overlayfs's, but of
 * a newer format, another byte order or an upper object: no origin, as
 * overlayfs reads it. STRATA_FB_BAD: not overlayfs's at all (no origin
 * either, worth a warning). Bytes beyond the handle's length are allowed.
 */
VISIBLE_IF_KUNIT enum strata_fb_verdict strata_fb_check(const void *value,
							 size_t size)
{
	const struct strata_fb *fb = value;

	if (size < sizeof(*fb) || fb->magic != STRATA_FB_MAGIC ||
	    fb->len < sizeof(*fb) || size < fb->len)
		return STRATA_FB_BAD;
	if (fb->version > STRATA_FB_VERSION || (fb->flags & ~STRATA_FB_FLAGS) ||
	    (fb->flags & STRATA_FB_UPPER) ||
	    (!(fb->flags & STRATA_FB_ANY_ENDIAN) &&
	     (fb->flags & STRATA_FB_BIG_ENDIAN) != STRATA_FB_NATIVE))
		return STRATA_FB_UNKNOWN;
	return STRATA_FB_OK;
}
EXPORT_SYMBOL_IF_KUNIT(strata_fb_check);

/**
 * strata_fh_verify - check that a record on @target names @real
 * @ofs:    the mount
 * @target: an upper object
 * @x:      the record: an origin, or an index's upper
 * @real:   the object it must name
 * @upper:  @real is on the upper layer (its handle is marked so)
 * @set:    write the record where @target has none
 *
 * How overlayfs ties an upper root to its first lower layer, and an index
 * to its upper, with index=on. Returns 0; -ESTALE where the record names
 * another object; -ENODATA where there is none and !@set; -EOPNOTSUPP
 * where @real's filesystem makes no handles; or an error. As the mounter.
 */
int strata_fh_verify(struct strata_fs *ofs, struct dentry *target,
		     enum strata_xattr x, struct dentry *real, bool upper,
		     bool set)
{
	const char *name = strata_xattr_name(ofs, x);
	struct strata_fh *fh;
	void *value;
	ssize_t res;
	int len, err = -ENOMEM;

	fh = strata_fh_encode(ofs, real, upper, &len);
	if (IS_ERR_OR_NULL(fh))
		return fh ? PTR_ERR(fh) : -EOPNOTSUPP;
	value = kmalloc(STRATA_FB_MAX, GFP_KERNEL);
	if (!value)
		goto out_free_fh;
	res = strata_do_getxattr(strata_upper_idmap(ofs), target, name, value,
				 STRATA_FB_MAX);
	if (res >= 0)
		err = res == len && !memcmp(value, &fh->fb, len) ? 0 : -ESTALE;
	else if (res == -ERANGE)
		err = -ESTALE;
	else if (!strata_xattr_absent(ofs, res))
		err = res;
	else if (set)
		err = strata_do_setxattr(strata_upper_idmap(ofs), target, name,
					 &fh->fb, len, 0);
	else
		err = -ENODATA;
	kfree(value);
out_free_fh:
	kfree(fh);
	return err;
}

/**
 * strata_index_name - the name of @lower's index entry (index=on)
 * @ofs:   the mount
 * @lower: a lower non-directory
 *
 * The hex of the origin record a copy of @lower carries, as overlayfs
 * names index entries. Returns a new string, or an error (EOPNOTSUPP
 * where @lower's filesystem makes no handles). As the mounter.
 */
char *strata_index_name(struct strata_fs *ofs, struct dentry *lower)
{
	struct strata_fh *fh;
	char *name;
	int len;

	fh = strata_fh_encode(ofs, lower, false, &len);
	if (IS_ERR_OR_NULL(fh))
		return fh ? ERR_CAST(fh) : ERR_PTR(-EOPNOTSUPP);
	name = kmalloc(len * 2 + 1, GFP_KERNEL);
	if (name)
		*(char *)bin2hex(name, &fh->fb, len) = '\0';
	kfree(fh);
	return name ?: ERR_PTR(-ENOMEM);
}

/**
 * strata_index_check_name - whether an index entry is named for its origin
 * @ofs:   the mount
 * @index: a positive non-directory in the index
 *
 * Returns 0; -EINVAL where the name is no index name at all; -ESTALE where
 * it names another origin than the entry records; -ENODATA where the
 * entry records none; or an error. As the mounter.
 */
int strata_index_check_name(struct strata_fs *ofs, struct dentry *index)
{
	const struct qstr *name = &index->d_name;
	unsigned int size = name->len / 2;
	u8 *value, *hex;
	ssize_t res;
	int err = -EINVAL;

	value = kmalloc(STRATA_FB_MAX * 3, GFP_KERNEL);
	if (!value)
		return -ENOMEM;
	hex = value + STRATA_FB_MAX;
	if (name->len % 2 || size > STRATA_FB_MAX ||
	    hex2bin(value, name->name, size) ||
	    strata_fb_check(value, size) == STRATA_FB_BAD)
		goto out;
	res = strata_do_getxattr(strata_upper_idmap(ofs), index,
				 strata_xattr_name(ofs, STRATA_XATTR_ORIGIN),
				 value, STRATA_FB_MAX);
	if (res < 0) {
		err = res == -ERANGE ? -ESTALE :
		      strata_xattr_absent(ofs, res) ? -ENODATA : res;
		goto out;
	}
	bin2hex(hex, value, res);
	err = res == size && !memcmp(hex, name->name, name->len) ? 0 : -ESTALE;
out:
	kfree(value);
	return err;
}

/* Reads the origin of @upper: 0 with *fh NULL where there is none. */
static int strata_fh_read(struct strata_fs *ofs, struct dentry *upper,
			  struct strata_fh **fh)
{
	enum strata_fb_verdict verdict = STRATA_FB_UNKNOWN;
	ssize_t res;

	*fh = strata_fh_alloc();
	if (!*fh)
		return -ENOMEM;
	res = strata_do_getxattr(strata_upper_idmap(ofs), upper,
				 strata_xattr_name(ofs, STRATA_XATTR_ORIGIN),
				 &(*fh)->fb, STRATA_FB_MAX);
	if (res > 0)
		verdict = strata_fb_check(&(*fh)->fb, res);
	else if (res == -ERANGE)
		verdict = STRATA_FB_BAD;
	else if (res < 0 && !strata_xattr_absent(ofs, res))
		goto out_free;
	/* An empty value: "copied up, origin unknown". */
	if (verdict == STRATA_FB_OK)
		return 0;
	if (verdict == STRATA_FB_BAD)
		pr_warn_ratelimited("ignoring the malformed origin of %pd2\n", upper);
	res = 0;
out_free:
	kfree(*fh);
	*fh = NULL;
	return res;
}

/* Any alias of a non-directory will do. */
static int strata_fb_acceptable(void *ctx, struct dentry *dentry)
{
	return 1;
}

/*
 * Whether lower layer @i is the first on its filesystem: a handle names an
 * object of a filesystem, and is decoded once per filesystem.
 */
static bool strata_first_on_fs(struct strata_fs *ofs, unsigned int i)
{
	unsigned int j;

	for (j = 0; j < i; j++) {
		if (ofs->lower[j].mnt->mnt_sb == ofs->lower[i].mnt->mnt_sb)
			return false;
	}
	return true;
}

/* Decodes @fh in lower layer @i: the object, NULL if not there, or an error. */
static struct dentry *strata_fh_decode(struct strata_fs *ofs, unsigned int i,
				       struct strata_fh *fh)
{
	struct strata_fb *fb = &fh->fb;
	struct strata_layer *layer = &ofs->lower[i];
	struct super_block *sb = layer->mnt->mnt_sb;
	struct dentry *d;

	/* The mounter's capability is checked once, in strata_origin_get(). */
	if (layer->bad_uuid || !strata_sb_decodes(sb) ||
	    !uuid_equal(&fb->uuid, strata_fb_uuid(ofs, sb)) ||
	    !strata_first_on_fs(ofs, i))
		return NULL;
	d = strata_do_decode_fh(layer->mnt, fb->fid,
				(fb->len - sizeof(*fb)) >> 2, fb->type,
				strata_fb_acceptable);
	if (IS_ERR(d))
		return PTR_ERR(d) == -ESTALE ? NULL : d;
	if (strata_dentry_weird(d)) {
		dput(d);
		return NULL;
	}
	return d;
}

/**
 * strata_origin_get - the lower object a copied-up non-directory came from
 * @ofs:    the mount
 * @upper:  a positive upper non-directory
 * @origin: set to the object and its layer, referenced; dentry NULL where
 *          there is none to follow
 *
 * Returns 0, or an error of the real filesystems (not ESTALE: a vanished
 * origin is no origin). As the mounter.
 */
int strata_origin_get(struct strata_fs *ofs, struct dentry *upper,
		      struct strata_path *origin)
{
	struct strata_fh *fh;
	struct dentry *d = NULL;
	unsigned int i;
	int err;

	origin->dentry = NULL;
	/* Following a handle opens by handle, which is the mounter's right. */
	if (!capable(CAP_DAC_READ_SEARCH))
		return 0;
	err = strata_fh_read(ofs, upper, &fh);
	if (err || !fh)
		return err;
	for (i = 0; i < ofs->num_lower && !d; i++) {
		d = strata_fh_decode(ofs, i, fh);
		if (IS_ERR(d)) {
			err = PTR_ERR(d);
			d = NULL;
			break;
		}
	}
	kfree(fh);
	if (d && inode_wrong_type(d_inode(upper), d_inode(d)->i_mode)) {
		pr_warn_ratelimited("ignoring the origin of %pd2: %pd2 is of another type\n",
				    upper, d);
		dput(d);
		d = NULL;
	}
	if (d) {
		origin->layer = &ofs->lower[i - 1];
		origin->dentry = d;
	}
	return err;
}

/**
 * strata_upper_ino - the number a lookup gives an upper non-directory
 * @ofs:  the mount
 * @real: a positive upper non-directory
 * @ino:  set to it
 *
 * What strata_lookup() would number it, for a listing that must agree
 * without looking it up through the union. As the mounter.
 */
int strata_upper_ino(struct strata_fs *ofs, struct dentry *real, u64 *ino)
{
	struct strata_path origin;

	struct dentry *index = NULL;
	int err;

	err = strata_origin_get(ofs, real, &origin);
	if (err)
		return err;
	/* A link of an indexed copy shows its origin's number (index=on). */
	if (origin.dentry && strata_hl_keeps(ofs, origin.dentry)) {
		index = strata_hl_lookup(ofs, origin.dentry, real);
		err = PTR_ERR_OR_ZERO(index);
	}
	if (!err)
		*ino = strata_nondir_ino(ofs, real, &origin, index);
	if (!IS_ERR(index))
		dput(index);
	dput(origin.dentry);
	return err;
}

/* Whether the upper directory @real is marked impure. */
bool strata_is_impure(struct strata_fs *ofs, struct dentry *real)
{
	char val;

	return strata_do_getxattr(strata_upper_idmap(ofs), real,
				  strata_xattr_name(ofs, STRATA_XATTR_IMPURE),
				  &val, 1) == 1 && val == 'y';
}

/**
 * strata_set_impure - mark @dir's upper directory as holding an entry whose
 *                     inode number is not its upper object's
 * @dir: a strata directory with an upper
 *
 * Before the entry lands, so that a crash never leaves one unmarked. Once
 * per inode: the mark is never removed. Takes the mounter's credentials.
 */
int strata_set_impure(struct inode *dir)
{
	struct strata_fs *ofs = STRATA_FS(dir->i_sb);
	const struct cred *old;
	int err;

	if (test_bit(STRATA_I_IMPURE, &STRATA_I(dir)->flags))
		return 0;
	old = strata_override_creds(dir->i_sb);
	err = strata_do_setxattr(strata_upper_idmap(ofs), strata_i_upper(dir),
				 strata_xattr_name(ofs, STRATA_XATTR_IMPURE),
				 "y", 1, 0);
	strata_revert_creds(old);
	if (!err)
		set_bit(STRATA_I_IMPURE, &STRATA_I(dir)->flags);
	return err;
}
