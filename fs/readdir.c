// SPDX-License-Identifier: GPL-2.0-only
/*
 * Merged directory listings.
 *
 * The merged listing is the upper directory's names followed by the names of
 * the lower-name index (index.c) that the upper does not hold; a whiteout owns its name and is left
 * out. Positions are indices into it, so seekdir/telldir are O(1). The
 * listing of a directory with more than one layer is cached on its inode and
 * shared by every open: opendir and readdir cost the upper directory and
 * nothing per lower layer. Every change to the directory's entries drops the
 * cached listing (strata_dir_changed()); an open directory keeps the listing
 * it started with until it rewinds, as it would keep a page of getdents.
 */
#include "strata.h"
#include <linux/slab.h>
#include <linux/vmalloc.h>

/* One merged listing; the names belong to @upper and to the lower index. */
struct strata_listing {
	refcount_t ref;
	struct strata_names upper;
	struct strata_name **visible;	/* listing order, whiteouts left out */
	unsigned int num_visible;
	bool upper_whiteouts;		/* the upper part holds whiteouts */
};

/* State of one open directory; guarded by the file's f_pos_lock. */
struct strata_dir_file {
	struct strata_listing *listing;	/* NULL until the first getdents */
};


static void strata_listing_put(struct strata_listing *l)
{
	if (!l || !refcount_dec_and_test(&l->ref))
		return;
	kvfree(l->visible);
	strata_names_free(&l->upper);
	kfree(l);
}

/*
 * Reads @dir's upper part into @l->upper; a directory without one that
 * spans a single lower is read from that lower instead, and keeps no index.
 * As the mounter.
 */
static int strata_listing_read_top(struct inode *dir, struct strata_listing *l)
{
	struct strata_path upper = {
		.layer = &STRATA_FS(dir->i_sb)->upper,
		.dentry = strata_i_upper(dir),
	};
	struct strata_name *p;
	int err;

	if (!upper.dentry)
		return strata_names_read_layer(STRATA_FS(dir->i_sb), &l->upper,
					       &strata_i_entry(dir)->lower[0], 0);
	err = strata_names_read_layer(STRATA_FS(dir->i_sb), &l->upper, &upper, 0);
	list_for_each_entry(p, &l->upper.list, list)
		l->upper_whiteouts |= p->whiteout;
	return err;
}

/* Lists the visible names: the upper's, then the lowers' it does not hold. */
static int strata_listing_index(struct strata_listing *l,
				struct strata_names *lower)
{
	unsigned int max = l->upper.count + (lower ? lower->count : 0);
	struct strata_name *p;

	l->visible = kvmalloc_array(max, sizeof(*l->visible), GFP_KERNEL_ACCOUNT);
	if (!l->visible)
		return -ENOMEM;
	list_for_each_entry(p, &l->upper.list, list) {
		if (!p->whiteout)
			l->visible[l->num_visible++] = p;
	}
	if (!lower)
		return 0;
	list_for_each_entry(p, &lower->list, list) {
		if (!p->whiteout && !strata_names_find(&l->upper, p->name, p->len))
			l->visible[l->num_visible++] = p;
	}
	return 0;
}

/* Whether @dir merges layers: then its index and listing are kept. */
static bool strata_dir_is_merged(struct inode *dir)
{
	return strata_i_entry(dir)->num_lower + !!strata_i_upper(dir) > 1;
}

/* Reads a fresh listing of @dir; returns it with one reference. */
static struct strata_listing *strata_listing_read(struct inode *dir)
{
	struct strata_names *lower = NULL;
	struct strata_listing *l;
	const struct cred *old;
	int err;

	l = kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT);
	if (!l)
		return ERR_PTR(-ENOMEM);
	refcount_set(&l->ref, 1);
	err = strata_names_init(&l->upper);
	old = strata_override_creds(dir->i_sb);
	if (!err)
		err = strata_listing_read_top(dir, l);
	if (!err && strata_dir_is_merged(dir) && strata_i_entry(dir)->num_lower) {
		lower = strata_dir_index_get(dir);
		err = PTR_ERR_OR_ZERO(lower);
	}
	strata_revert_creds(old);
	if (!err)
		err = strata_listing_index(l, lower);
	if (err) {
		strata_listing_put(l);
		return ERR_PTR(err);
	}
	return l;
}

/*
 * The listing of @dir, with a reference for the caller: the cached one, or
 * a fresh one, cached unless the directory changed while it was read.
 */
static struct strata_listing *strata_listing_get(struct inode *dir)
{
	struct strata_inode *si = STRATA_I(dir);
	struct strata_listing *l;
	unsigned int gen;

	spin_lock(&dir->i_lock);
	l = si->listing;
	if (l)
		refcount_inc(&l->ref);
	gen = si->listing_gen;
	spin_unlock(&dir->i_lock);
	if (l)
		return l;

	l = strata_listing_read(dir);
	if (IS_ERR(l) || !strata_dir_is_merged(dir))
		return l;
	spin_lock(&dir->i_lock);
	if (!si->listing && si->listing_gen == gen) {
		refcount_inc(&l->ref);
		si->listing = l;
	}
	spin_unlock(&dir->i_lock);
	return l;
}

/**
 * strata_dir_changed - the entries of @dir changed: drop its listing
 * @dir: a strata directory whose upper part just gained, lost or replaced
 *       an entry (or may have: called on failure paths too)
 *
 * Opens that hold the old listing keep it until they rewind.
 */
void strata_dir_changed(struct inode *dir)
{
	struct strata_inode *si = STRATA_I(dir);
	struct strata_listing *l;

	spin_lock(&dir->i_lock);
	si->listing_gen++;
	l = si->listing;
	si->listing = NULL;
	spin_unlock(&dir->i_lock);
	strata_listing_put(l);
}

/* Frees what a directory inode keeps; at inode destruction. */
void strata_dir_cache_free(struct inode *inode)
{
	struct strata_inode *si = STRATA_I(inode);

	strata_listing_put(si->listing);
	si->listing = NULL;
	strata_index_free(si->lower_index);
	si->lower_index = NULL;
}

/**
 * strata_dir_check_empty - whether a directory looks empty in the merged view
 * @dentry:         the strata directory; the caller holds its parent locked
 * @has_whiteouts:  set if its upper part holds whiteouts, which must go
 *                  with it
 *
 * Returns 0, -ENOTEMPTY, or another error.
 */
int strata_dir_check_empty(struct dentry *dentry, bool *has_whiteouts)
{
	struct strata_listing *l;
	unsigned int i;
	int err = 0;

	lockdep_assert_held(&d_inode(dentry->d_parent)->i_rwsem);
	l = strata_listing_get(d_inode(dentry));
	if (IS_ERR(l))
		return PTR_ERR(l);
	for (i = 0; i < l->num_visible && !err; i++) {
		if (!is_dot_dotdot(l->visible[i]->name, l->visible[i]->len))
			err = -ENOTEMPTY;
	}
	*has_whiteouts = l->upper_whiteouts;
	strata_listing_put(l);
	return err;
}

/* "." and ".." carry strata's own inode numbers, not a layer's. */
static u64 strata_dot_ino(struct file *file, struct strata_name *p)
{
	struct dentry *dentry = file->f_path.dentry;

	if (p->len == 1 && p->name[0] == '.')
		return d_inode(dentry)->i_ino;
	if (p->len == 2 && p->name[0] == '.' && p->name[1] == '.')
		return d_inode(dentry->d_parent)->i_ino;
	return p->ino;
}

static int strata_iterate(struct file *file, struct dir_context *ctx)
{
	struct strata_dir_file *od = file->private_data;
	struct strata_listing *l = od->listing;

	if (!l) {
		l = strata_listing_get(file_inode(file));
		if (IS_ERR(l))
			return PTR_ERR(l);
		od->listing = l;
	}
	for (; ctx->pos < l->num_visible; ctx->pos++) {
		struct strata_name *p = l->visible[ctx->pos];

		if (!dir_emit(ctx, p->name, p->len, strata_dot_ino(file, p),
			      p->type))
			break;
	}
	return 0;
}

/* Positions are indices into the listing; 0 means "take the current one". */
static loff_t strata_dir_llseek(struct file *file, loff_t offset, int whence)
{
	struct strata_dir_file *od = file->private_data;

	switch (whence) {
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0)
		return -EINVAL;
	if (offset == 0) {
		strata_listing_put(od->listing);
		od->listing = NULL;
	}
	file->f_pos = offset;
	return offset;
}

static int strata_dir_open(struct inode *inode, struct file *file)
{
	struct strata_dir_file *od;

	od = kzalloc(sizeof(*od), GFP_KERNEL);
	if (!od)
		return -ENOMEM;
	file->private_data = od;
	return 0;
}

static int strata_dir_release(struct inode *inode, struct file *file)
{
	struct strata_dir_file *od = file->private_data;

	strata_listing_put(od->listing);
	kfree(od);
	return 0;
}

/*
 * fsync of a directory makes its entries durable, which only the upper's
 * directory can need: the lowers are never written through strata.
 */
static int strata_dir_fsync(struct file *file, loff_t start, loff_t end,
			    int datasync)
{
	struct inode *inode = file_inode(file);
	struct dentry *upper = strata_i_upper(inode);
	struct path path = { .mnt = STRATA_FS(inode->i_sb)->upper.mnt };
	const struct cred *old;
	struct file *real;
	int err;

	if (!upper || sb_rdonly(inode->i_sb))
		return 0;
	path.dentry = upper;
	old = strata_override_creds(inode->i_sb);
	real = strata_do_open_dir(&path);
	err = PTR_ERR_OR_ZERO(real);
	if (!err) {
		err = strata_do_fsync(real, start, end, datasync);
		fput(real);
	}
	strata_revert_creds(old);
	return err;
}

const struct file_operations strata_dir_ops = {
	.open = strata_dir_open,
	.release = strata_dir_release,
	.read = generic_read_dir,
	.iterate_shared = strata_iterate,
	.llseek = strata_dir_llseek,
	.fsync = strata_dir_fsync,
};
