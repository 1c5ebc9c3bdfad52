// SPDX-License-Identifier: GPL-2.0-only
/*
 * The directory caches under memory pressure.
 *
 * Merged listings (listing.c) and lower-name indexes (index.c) can hold
 * millions of names, yet each sits on a single inode that the inode and
 * dentry shrinkers count as one object, and that an open file or a cached
 * child keeps alive. So the super block's own shrinker counts the names
 * (->nr_cached_objects) and drops the caches of the directories that cached
 * theirs longest ago (->free_cached_objects). A dropped cache costs a reread
 * of the layers when next needed, nothing more: the listing an open
 * directory already reads from stays with it.
 *
 * Lock order: strata_fs.cache_lock, then a directory's i_lock.
 */
#include "strata.h"

void strata_cache_init_fs(struct strata_fs *ofs)
{
	spin_lock_init(&ofs->cache_lock);
	INIT_LIST_HEAD(&ofs->cache_lru);
	atomic_long_set(&ofs->cached_names, 0);
}

/**
 * strata_cache_add - @dir just cached @names more names
 * @dir:   a strata directory, referenced by the caller
 * @names: how many
 *
 * Moves @dir to the recent end of the reclaim order.
 */
void strata_cache_add(struct inode *dir, unsigned long names)
{
	struct strata_fs *ofs = STRATA_FS(dir->i_sb);

	atomic_long_add(names, &ofs->cached_names);
	spin_lock(&ofs->cache_lock);
	list_move_tail(&STRATA_I(dir)->cache_lru, &ofs->cache_lru);
	spin_unlock(&ofs->cache_lock);
}

/* A cache of @names names left a directory of @sb. */
void strata_cache_sub(struct super_block *sb, unsigned long names)
{
	atomic_long_sub(names, &STRATA_FS(sb)->cached_names);
}

/* The caches @si holds, off it; the caller puts them outside cache_lock. */
struct strata_dir_caches {
	struct strata_listing *listing;
	struct strata_index *index;
	unsigned long names;
};

static void strata_dir_caches_take(struct strata_fs *ofs,
				   struct strata_inode *si,
				   struct strata_dir_caches *c)
{
	lockdep_assert_held(&ofs->cache_lock);
	list_del_init(&si->cache_lru);
	c->listing = strata_dir_listing_take(&si->vfs_inode, &c->names);
	c->index = strata_dir_index_take(&si->vfs_inode, &c->names);
}

static void strata_dir_caches_put(struct strata_dir_caches *c)
{
	strata_listing_put(c->listing);
	strata_index_put(c->index);
}

/* At inode destruction: whatever @dir caches goes. */
void strata_dir_cache_free(struct inode *dir)
{
	struct strata_fs *ofs = STRATA_FS(dir->i_sb);
	struct strata_dir_caches c = {};

	if (!S_ISDIR(dir->i_mode))
		return;
	spin_lock(&ofs->cache_lock);
	strata_dir_caches_take(ofs, STRATA_I(dir), &c);
	spin_unlock(&ofs->cache_lock);
	strata_dir_caches_put(&c);
}

long strata_nr_cached_objects(struct super_block *sb, struct shrink_control *sc)
{
	return max(atomic_long_read(&STRATA_FS(sb)->cached_names), 0L);
}

/*
 * Drops whole caches, oldest first, until @sc->nr_to_scan names are gone.
 * The caches are kept per directory, not per memory cgroup: any reclaim may
 * drop any of them.
 */
long strata_free_cached_objects(struct super_block *sb,
				struct shrink_control *sc)
{
	struct strata_fs *ofs = STRATA_FS(sb);
	unsigned long freed = 0;

	while (freed < sc->nr_to_scan) {
		struct strata_dir_caches c = {};
		struct strata_inode *si;

		/* The inode cannot go while on the list: see cache_free. */
		spin_lock(&ofs->cache_lock);
		si = list_first_entry_or_null(&ofs->cache_lru,
					      struct strata_inode, cache_lru);
		if (si)
			strata_dir_caches_take(ofs, si, &c);
		spin_unlock(&ofs->cache_lock);
		if (!si)
			break;
		strata_dir_caches_put(&c);
		freed += c.names;
		cond_resched();
	}
	return freed;
}
