// SPDX-License-Identifier: GPL-2.0-only
/*
 * Merged directory listings.
 *
 * The merged listing is the upper directory's names followed by the names of
 * the lower-name index (index.c) that the upper does not hold; a whiteout
 * owns its name and is left out. Positions are indices into it, so
 * seekdir/telldir are O(1). The listing of a directory with more than one
 * layer is cached on its inode and shared by every open: opendir and
 * readdir cost the upper directory and nothing per lower layer. Every change
 * to the directory's entries drops the cached listing (strata_dir_changed());
 * an open directory keeps the listing it started with until it rewinds, as
 * it would keep a page of getdents. Memory pressure drops cached listings
 * too (reclaim.c). A directory that does not merge layers is not listed
 * here but streamed (readdir.c).
 */
#include "strata.h"
#include <linux/slab.h>
#include <linux/vmalloc.h>

/* One merged listing; the names belong to @upper and to @index. */
struct strata_listing {
	refcount_t ref;
	struct strata_names upper;
	struct strata_index *index;	/* referenced; NULL without lowers */
	struct strata_name **visible;	/* listing order, whiteouts left out */
	unsigned int num_visible;
	bool upper_whiteouts;		/* the upper part holds whiteouts */
};

void strata_listing_put(struct strata_listing *l)
{
	if (!l || !refcount_dec_and_test(&l->ref))
		return;
	kvfree(l->visible);
	strata_names_free(&l->upper);
	strata_index_put(l->index);
	kfree(l);
}

unsigned int strata_listing_size(struct strata_listing *l)
{
	return l->num_visible;
}

struct strata_name *strata_listing_entry(struct strata_listing *l,
					 unsigned int pos)
{
	return l->visible[pos];
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

/* The upper's object named by @p; NULL where it went since the read. */
static struct dentry *strata_listing_real(struct strata_fs *ofs,
					  struct dentry *upperdir,
					  struct strata_name *p)
{
	struct dentry *real = strata_do_lookup(strata_upper_idmap(ofs), p->name,
					       p->len, upperdir);

	if (!IS_ERR(real) && d_is_negative(real)) {
		dput(real);
		return NULL;
	}
	return real;
}

/*
 * The number a directory entry of the upper shows when the lowers hold a
 * directory of the same name too: the lowers' (strata_inode_ino()), unless
 * the upper one is opaque and hides them.
 */
static int strata_listing_dir_ino(struct strata_fs *ofs, struct strata_listing *l,
				  struct dentry *upperdir, struct strata_name *p)
{
	struct strata_name *lp;
	struct dentry *real;
	bool opaque = true;
	int err = 0;

	lp = l->index ? strata_names_find(&l->index->names, p->name, p->len) : NULL;
	if (!lp || lp->whiteout || lp->type != DT_DIR)
		return 0;
	real = strata_listing_real(ofs, upperdir, p);
	if (IS_ERR_OR_NULL(real))
		return PTR_ERR_OR_ZERO(real);
	if (d_is_dir(real)) {
		struct strata_path up = { &ofs->upper, real };

		err = strata_check_opaque(ofs, &up, &opaque);
	}
	dput(real);
	if (!err && !opaque)
		p->ino = lp->ino;
	return err;
}

/* The number a non-directory entry of an impure upper shows. */
static int strata_listing_nondir_ino(struct strata_fs *ofs,
				     struct dentry *upperdir,
				     struct strata_name *p)
{
	struct dentry *real;
	int err = 0;

	real = strata_listing_real(ofs, upperdir, p);
	if (IS_ERR_OR_NULL(real))
		return PTR_ERR_OR_ZERO(real);
	if (!d_is_dir(real))
		err = strata_upper_ino(ofs, real, &p->ino);
	dput(real);
	return err;
}

/*
 * Gives the upper's entries the numbers their objects show (st_ino), where
 * that is not the upper object's own: a directory with lower parts, and in
 * an impure directory, a copy numbered by its origin. As the mounter.
 */
static int strata_listing_fix_ino(struct inode *dir, struct strata_listing *l)
{
	struct strata_fs *ofs = STRATA_FS(dir->i_sb);
	struct dentry *upperdir = strata_i_upper(dir);
	struct strata_name *p;
	bool impure;
	int err = 0;

	if (!upperdir)
		return 0;
	impure = strata_is_impure(ofs, upperdir);
	list_for_each_entry(p, &l->upper.list, list) {
		if (p->whiteout || is_dot_dotdot(p->name, p->len))
			continue;
		if (p->type == DT_DIR)
			err = strata_listing_dir_ino(ofs, l, upperdir, p);
		else if (impure)
			err = strata_listing_nondir_ino(ofs, upperdir, p);
		if (err)
			break;
	}
	return err;
}

/* Lists the visible names: the upper's, then the lowers' it does not hold. */
static int strata_listing_index(struct strata_listing *l)
{
	struct strata_names *lower = l->index ? &l->index->names : NULL;
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
bool strata_dir_is_merged(struct inode *dir)
{
	return strata_i_entry(dir)->num_lower + !!strata_i_upper(dir) > 1;
}

/* Reads a fresh listing of @dir; returns it with one reference. */
static struct strata_listing *strata_listing_read(struct inode *dir)
{
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
		l->index = strata_dir_index_get(dir);
		err = PTR_ERR_OR_ZERO(l->index);
		if (err)
			l->index = NULL;
	}
	if (!err)
		err = strata_listing_fix_ino(dir, l);
	strata_revert_creds(old);
	if (!err)
		err = strata_listing_index(l);
	if (err) {
		strata_listing_put(l);
		return ERR_PTR(err);
	}
	return l;
}

/**
 * strata_listing_get - the listing of @dir, with a reference for the caller
 * @dir: a strata directory
 *
 * The cached listing, or a fresh one, cached if @dir merges layers unless
 * the directory changed while it was read.
 */
struct strata_listing *strata_listing_get(struct inode *dir)
{
	struct strata_inode *si = STRATA_I(dir);
	struct strata_listing *l;
	unsigned int gen;
	bool cached = false;

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
		cached = true;
	}
	spin_unlock(&dir->i_lock);
	if (cached)
		strata_cache_add(dir, l->upper.count);
	return l;
}

/* Takes @dir's cached listing off it, the cache's reference with it. */
static struct strata_listing *strata_listing_steal(struct inode *dir,
						   bool changed)
{
	struct strata_inode *si = STRATA_I(dir);
	struct strata_listing *l;

	spin_lock(&dir->i_lock);
	if (changed)
		si->listing_gen++;
	l = si->listing;
	si->listing = NULL;
	spin_unlock(&dir->i_lock);
	if (l)
		strata_cache_sub(dir->i_sb, l->upper.count);
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
	strata_listing_put(strata_listing_steal(dir, true));
}

/**
 * strata_dir_listing_take - take the cached listing of @dir, which did not
 * change, off it: memory is short, or the inode goes
 * @dir:   a strata directory
 * @names: the names the listing holds itself are added here
 *
 * Returns the listing with the cache's reference, for strata_listing_put()
 * outside the caller's spinlocks; NULL if none was cached.
 */
struct strata_listing *strata_dir_listing_take(struct inode *dir,
					       unsigned long *names)
{
	struct strata_listing *l = strata_listing_steal(dir, false);

	if (l)
		*names += l->upper.count;
	return l;
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
