// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lower-name index of a directory: the set of names its lower layers
 * hold, top first, each with the first lower layer that holds it (see
 * strata_names_read_layer()). Lower layers do not change under a mount, so
 * the index is read once and kept until the inode goes. Lookups use it to
 * skip the layers that cannot hold a name (strata_dir_first_lower()): a name
 * no lower layer holds costs one probe instead of one lookup per layer. A
 * directory gets its index once lookups without it have cost as much as
 * reading it (strata_dir_count_probes()). Merged listings (readdir.c) take
 * their lower names from it.
 */
#include "strata.h"
#include <linux/slab.h>

/* A directory that spans this many lowers may get a lower-name index. */
#define STRATA_INDEX_MIN_LOWERS	3


void strata_index_free(struct strata_names *index)
{
	if (!index)
		return;
	strata_names_free(index);
	kfree(index);
}

/* Reads every lower layer of @dir into a new index; as the mounter. */
static struct strata_names *strata_index_read(struct inode *dir)
{
	struct strata_entry *e = strata_i_entry(dir);
	struct strata_fs *ofs = STRATA_FS(dir->i_sb);
	struct strata_names *index;
	unsigned int i;
	int err;

	index = kmalloc(sizeof(*index), GFP_KERNEL_ACCOUNT);
	if (!index)
		return ERR_PTR(-ENOMEM);
	err = strata_names_init(index);
	for (i = 0; i < e->num_lower && !err; i++)
		err = strata_names_read_layer(ofs, index, &e->lower[i], i);
	if (err) {
		strata_index_free(index);
		return ERR_PTR(err);
	}
	return index;
}

/* The index of @dir if it has one. */
static struct strata_names *strata_dir_index(struct inode *dir)
{
	/* Pairs with the cmpxchg_release() in strata_dir_index_get(). */
	return smp_load_acquire(&STRATA_I(dir)->lower_index);
}

/*
 * The lower-name index of @dir, read now if it has none yet. Concurrent
 * readers may both read the layers; one index is published.
 */
struct strata_names *strata_dir_index_get(struct inode *dir)
{
	struct strata_names *index = strata_dir_index(dir);

	if (index)
		return index;
	index = strata_index_read(dir);
	if (IS_ERR(index))
		return index;
	/* Pairs with the smp_load_acquire() in strata_dir_index(). */
	if (cmpxchg_release(&STRATA_I(dir)->lower_index, NULL, index)) {
		strata_index_free(index);	/* another reader was first */
		index = strata_dir_index(dir);
	}
	return index;
}

/*
 * What reading @dir's index costs, in lookups of one name in one lower
 * directory: such a lookup reads about one block, a readdir reads them all.
 * Lower directories do not change under the mount, so it is summed once
 * rather than on every lookup; racing lookups store the same value.
 */
static unsigned int strata_index_cost(struct inode *dir)
{
	struct strata_entry *e = strata_i_entry(dir);
	unsigned int cost = READ_ONCE(STRATA_I(dir)->index_cost);
	unsigned int i;

	if (cost)
		return cost;
	for (i = 0; i < e->num_lower; i++) {
		loff_t size = i_size_read(d_inode(e->lower[i].dentry));

		cost += max_t(unsigned int, 1, DIV_ROUND_UP(size, PAGE_SIZE));
	}
	WRITE_ONCE(STRATA_I(dir)->index_cost, cost);
	return cost;
}

/**
 * strata_dir_count_probes - lookups below @dir looked in @probes lowers
 * @dir:    a strata directory
 * @probes: lower directories looked in without the help of an index
 *
 * Rent or buy: once the lookups made without an index have cost what
 * reading the index costs, the next lookup reads it. A directory whose
 * names are found in its top layer rarely gets one; a directory probed
 * through many lowers gets one after a lookup or two.
 */
void strata_dir_count_probes(struct inode *dir, unsigned int probes)
{
	if (strata_i_entry(dir)->num_lower >= STRATA_INDEX_MIN_LOWERS &&
	    !strata_dir_index(dir))
		atomic_add(probes, &STRATA_I(dir)->lower_probes);
}

/**
 * strata_dir_first_lower - where a lookup of @name below @dir starts
 * @dir:  a strata directory; called with the mounter's credentials
 * @name: the name looked up
 *
 * Returns the index of the first lower layer of @dir that may hold @name,
 * or the number of lower layers when none does. Without an index that is
 * layer 0, and the caller counts what it probed (strata_dir_count_probes());
 * the index is read here once that has cost as much as reading it. A
 * failure to read the index is not the lookup's failure: it starts at 0.
 */
unsigned int strata_dir_first_lower(struct inode *dir, const struct qstr *name)
{
	struct strata_inode *si = STRATA_I(dir);
	unsigned int num_lower = si->entry->num_lower;
	struct strata_names *index = strata_dir_index(dir);
	struct strata_name *p;

	if (!index) {
		if (num_lower < STRATA_INDEX_MIN_LOWERS ||
		    atomic_read(&si->lower_probes) < strata_index_cost(dir))
			return 0;
		index = strata_dir_index_get(dir);
		if (IS_ERR(index))
			return 0;
	}
	p = strata_names_find(index, name->name, name->len);
	return p ? p->layer : num_lower;
}
