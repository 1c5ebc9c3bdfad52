// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lower-name index of a directory: the set of names its lower layers
 * hold, top first, each with the first lower layer that holds it (see
 * strata_names_read_layer()). Lower layers do not change under a mount, so
 * the index is read once and kept until the inode goes or memory runs short
 * (reclaim.c). Lookups use it to skip the layers that cannot hold a name
 * (strata_dir_first_lower()): a name no lower layer holds costs one probe
 * instead of one lookup per layer. A directory gets its index once lookups
 * without it have cost as much as reading it (strata_dir_count_probes()).
 * Merged listings (listing.c) take their lower names from it.
 *
 * Lookups read the published index under RCU alone, with no reference:
 * they run in parallel on one directory and must not share a counter. An
 * unpublished index is therefore freed only after a grace period, from a
 * workqueue, since a large one takes a while to free.
 */
#include "strata.h"
#include <linux/slab.h>
#include <linux/workqueue.h>

/* A directory that spans this many lowers may get a lower-name index. */
#define STRATA_INDEX_MIN_LOWERS	3


static struct workqueue_struct *strata_index_wq;

static void strata_index_free_work(struct work_struct *work)
{
	struct strata_index *index =
		container_of(to_rcu_work(work), struct strata_index, free_work);

	strata_names_free(&index->names);
	kfree(index);
}

/* Drops a reference; the last one frees @index after a grace period. */
void strata_index_put(struct strata_index *index)
{
	if (!index || !refcount_dec_and_test(&index->ref))
		return;
	INIT_RCU_WORK(&index->free_work, strata_index_free_work);
	queue_rcu_work(strata_index_wq, &index->free_work);
}

/* Reads every lower layer of @dir into a new index; as the mounter. */
static struct strata_index *strata_index_read(struct inode *dir)
{
	struct strata_entry *e = strata_i_entry(dir);
	struct strata_fs *ofs = STRATA_FS(dir->i_sb);
	struct strata_index *index;
	unsigned int i;
	int err;

	index = kmalloc(sizeof(*index), GFP_KERNEL_ACCOUNT);
	if (!index)
		return ERR_PTR(-ENOMEM);
	refcount_set(&index->ref, 1);
	err = strata_names_init(&index->names);
	for (i = 0; i < e->num_lower && !err; i++)
		err = strata_names_read_layer(ofs, &index->names, &e->lower[i], i);
	if (err) {
		strata_index_put(index);
		return ERR_PTR(err);
	}
	return index;
}

/*
 * The published index of @dir with a reference, or NULL. The reference
 * fails to take only on an index already unpublished and on its way out.
 */
static struct strata_index *strata_dir_index_ref(struct inode *dir)
{
	struct strata_index *index;

	rcu_read_lock();
	index = rcu_dereference(STRATA_I(dir)->lower_index);
	if (index && !refcount_inc_not_zero(&index->ref))
		index = NULL;
	rcu_read_unlock();
	return index;
}

/**
 * strata_dir_index_get - the lower-name index of @dir, with a reference
 * @dir: a strata directory with lower layers; called as the mounter
 *
 * Reads the index now if @dir has none published. Concurrent readers may
 * both read the layers; one index is published, holding a reference of its
 * own that strata_dir_index_take() takes.
 */
struct strata_index *strata_dir_index_get(struct inode *dir)
{
	struct strata_index *index = strata_dir_index_ref(dir);

	if (index)
		return index;
	index = strata_index_read(dir);
	if (IS_ERR(index))
		return index;
	refcount_inc(&index->ref);	/* the published one */
	/* Pairs with rcu_dereference() in the readers. */
	if (unrcu_pointer(cmpxchg_release(&STRATA_I(dir)->lower_index, NULL,
					  RCU_INITIALIZER(index)))) {
		refcount_dec(&index->ref);
		strata_index_put(index);	/* another reader was first */
		return strata_dir_index_get(dir);
	}
	strata_cache_add(dir, index->names.count);
	return index;
}

/**
 * strata_dir_index_take - unpublish the index of @dir
 * @dir:   a strata directory
 * @names: the names the index holds are added here
 *
 * Lookups fall back to probing every layer until probes have cost a new
 * index again. Returns the index with its published reference, for
 * strata_index_put(); NULL if @dir had none.
 */
struct strata_index *strata_dir_index_take(struct inode *dir,
					   unsigned long *names)
{
	struct strata_inode *si = STRATA_I(dir);
	struct strata_index *index = unrcu_pointer(xchg(&si->lower_index, NULL));

	if (!index)
		return NULL;
	atomic_set(&si->lower_probes, 0);
	*names += index->names.count;
	strata_cache_sub(dir->i_sb, index->names.count);
	return index;
}

int strata_index_wq_init(void)
{
	strata_index_wq = alloc_workqueue("strata_index", WQ_UNBOUND, 0);
	return strata_index_wq ? 0 : -ENOMEM;
}

/* At module exit, after every superblock is gone. */
void strata_index_wq_exit(void)
{
	rcu_barrier();		/* queue_rcu_work()s still waiting for a grace period */
	destroy_workqueue(strata_index_wq);
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
	    !rcu_access_pointer(STRATA_I(dir)->lower_index))
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
	unsigned int num_lower = si->entry->num_lower, first;
	struct strata_index *index;
	struct strata_name *p;

	rcu_read_lock();
	index = rcu_dereference(si->lower_index);
	if (index) {
		p = strata_names_find(&index->names, name->name, name->len);
		first = p ? p->layer : num_lower;
	}
	rcu_read_unlock();
	if (index)
		return first;

	if (num_lower < STRATA_INDEX_MIN_LOWERS ||
	    atomic_read(&si->lower_probes) < strata_index_cost(dir))
		return 0;
	index = strata_dir_index_get(dir);
	if (IS_ERR(index))
		return 0;
	p = strata_names_find(&index->names, name->name, name->len);
	first = p ? p->layer : num_lower;
	strata_index_put(index);
	return first;
}
