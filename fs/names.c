// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name sets: the names of one or more real directories, first owner wins,
 * in insertion order and hashed, so that merging layer listings is linear
 * and finding a name is O(1). Used by listing.c for merged listings and the
 * lower-name index, and by workdir.c to clean the workdir.
 */
#include "strata.h"
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#define STRATA_NAMES_MIN_BITS	6

/*
 * Names are carved from pages of their set and freed with it, never one by
 * one: a directory of a million names costs some thousands of allocations
 * (and memory-cgroup charges), not a million, and no size-class slack.
 */
struct strata_names_chunk {
	struct strata_names_chunk *next;
	char data[];
};

#define STRATA_NAMES_CHUNK_DATA	(PAGE_SIZE - sizeof(struct strata_names_chunk))

/*
 * The sets live as long as the directory's cache does, so they are charged
 * to the memory cgroup of the task that built them (GFP_KERNEL_ACCOUNT), as
 * dentries are. Each set hashes with a seed of its own: names crafted to
 * collide would have to be crafted for a seed nobody can see.
 */
int strata_names_init(struct strata_names *n)
{
	n->bits = STRATA_NAMES_MIN_BITS;
	n->count = 0;
	n->seed = get_random_u32();
	INIT_LIST_HEAD(&n->list);
	n->chunks = NULL;
	n->chunk_used = 0;
	n->buckets = kvcalloc(1U << n->bits, sizeof(*n->buckets),
			      GFP_KERNEL_ACCOUNT);
	return n->buckets ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_init);

void strata_names_free(struct strata_names *n)
{
	struct strata_names_chunk *c;

	while ((c = n->chunks)) {
		n->chunks = c->next;
		kfree(c);
	}
	n->chunk_used = 0;
	kvfree(n->buckets);
	n->buckets = NULL;
	INIT_LIST_HEAD(&n->list);
	n->count = 0;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_free);

/* The bucket of @name in a table of 2^@bits buckets hashed with @n's seed. */
VISIBLE_IF_KUNIT u32 strata_name_hash(const struct strata_names *n,
				      const char *name, unsigned int len,
				      unsigned int bits)
{
	return jhash(name, len, n->seed) >> (32 - bits);
}
EXPORT_SYMBOL_IF_KUNIT(strata_name_hash);

struct strata_name *
strata_names_find(struct strata_names *n, const char *name, unsigned int len)
{
	struct strata_name *p;

	hlist_for_each_entry(p, &n->buckets[strata_name_hash(n, name, len, n->bits)],
			     hash) {
		if (p->len == len && !memcmp(p->name, name, len))
			return p;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_find);

/* Doubles the table once it averages more than one name per bucket. */
static void strata_names_grow(struct strata_names *n)
{
	unsigned int bits = n->bits + 1;
	struct hlist_head *buckets;
	struct strata_name *p;

	buckets = kvcalloc(1U << bits, sizeof(*buckets), GFP_KERNEL_ACCOUNT);
	if (!buckets)
		return;		/* longer chains, still correct */
	list_for_each_entry(p, &n->list, list)
		hlist_add_head(&p->hash,
			       &buckets[strata_name_hash(n, p->name, p->len, bits)]);
	kvfree(n->buckets);
	n->buckets = buckets;
	n->bits = bits;
}

/* Room for a name of @len bytes, from the newest chunk or a new one. */
static struct strata_name *strata_names_alloc(struct strata_names *n,
					      unsigned int len)
{
	size_t size = ALIGN(struct_size_t(struct strata_name, name, len + 1),
			    __alignof__(struct strata_name));
	struct strata_names_chunk *c = n->chunks;

	BUILD_BUG_ON(STRATA_NAMES_CHUNK_DATA <
		     struct_size_t(struct strata_name, name, NAME_MAX + 1));
	if (!c || n->chunk_used + size > STRATA_NAMES_CHUNK_DATA) {
		c = kmalloc(PAGE_SIZE, GFP_KERNEL_ACCOUNT);
		if (!c)
			return NULL;
		c->next = n->chunks;
		n->chunks = c;
		n->chunk_used = 0;
	}
	n->chunk_used += size;
	return (struct strata_name *)(c->data + n->chunk_used - size);
}

/**
 * strata_names_add - add a name unless the set has it already
 * @n:    the set
 * @name: the name, not NUL-terminated
 * @len:  its length
 * @ino:  inode number to report for it
 * @type: its DT_* type
 *
 * Returns the new name, NULL if the set already holds it, or
 * ERR_PTR(-ENOMEM) (or -ENAMETOOLONG for a name no filesystem may have).
 */
struct strata_name *
strata_names_add(struct strata_names *n, const char *name, unsigned int len,
		 u64 ino, unsigned int type)
{
	struct strata_name *p;

	if (unlikely(len > NAME_MAX))	/* a chunk holds any legal name */
		return ERR_PTR(-ENAMETOOLONG);
	if (strata_names_find(n, name, len))
		return NULL;
	p = strata_names_alloc(n, len);
	if (!p)
		return ERR_PTR(-ENOMEM);
	memcpy(p->name, name, len);
	p->name[len] = '\0';
	p->len = len;
	p->ino = ino;
	p->type = type;
	p->whiteout = false;
	p->layer = 0;
	list_add_tail(&p->list, &n->list);
	hlist_add_head(&p->hash, &n->buckets[strata_name_hash(n, name, len, n->bits)]);
	if (++n->count > (1U << n->bits) && n->bits < 24)
		strata_names_grow(n);
	return p;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_add);

struct strata_fill {
	struct dir_context ctx;
	struct strata_names *names;
	struct strata_fs *ofs;
	struct strata_layer *layer;
	unsigned int seen;	/* entries the current pass was given */
	int err;
};

static bool strata_fill_actor(struct dir_context *ctx, const char *name,
			      int len, loff_t pos, u64 ino, unsigned int type)
{
	struct strata_fill *f = container_of(ctx, struct strata_fill, ctx);
	enum strata_aufs_kind kind = STRATA_AUFS_PLAIN;
	struct strata_name *p;

	f->seen++;
	if (f->layer) {
		kind = strata_aufs_name(f->ofs, f->layer, name, len);
		ino = strata_ino(f->ofs, f->layer, ino);
	}
	if (kind == STRATA_AUFS_META)
		return true;
	/* ".wh.NAME" stands for a whiteout at NAME (aufs.c). */
	if (kind == STRATA_AUFS_WHITEOUT) {
		name += STRATA_AUFS_PREFIX_LEN;
		len -= STRATA_AUFS_PREFIX_LEN;
		type = DT_WHT;
	}
	p = strata_names_add(f->names, name, len, ino, type);
	if (IS_ERR(p)) {
		f->err = PTR_ERR(p);
		return false;
	}
	if (p && kind == STRATA_AUFS_WHITEOUT)
		p->whiteout = true;
	return true;
}

/*
 * Entries of one layer that may be whiteouts (character devices, or of
 * unknown type) are looked up: d_type alone cannot tell 0/0 from a device.
 */
static int strata_mark_whiteouts(struct list_head *from, struct list_head *end,
				 const struct path *realdir)
{
	struct list_head *pos;

	for (pos = from; pos != end; pos = pos->next) {
		struct strata_name *p = list_entry(pos, struct strata_name, list);
		struct dentry *d;

		if (p->type != DT_CHR && p->type != DT_UNKNOWN)
			continue;
		d = strata_do_lookup(strata_mnt_idmap(realdir->mnt), p->name,
				     p->len, realdir->dentry);
		if (IS_ERR(d))
			return PTR_ERR(d);
		p->whiteout = strata_is_whiteout(d);
		if (p->type == DT_UNKNOWN && d_really_is_positive(d))
			p->type = fs_umode_to_dtype(d_inode(d)->i_mode);
		dput(d);
	}
	return 0;
}

/**
 * strata_names_read - add the names of a real directory to a name set
 * @dir:   the real directory
 * @names: the set; names it already holds are skipped
 * @ofs:   with @layer, translates inode numbers to strata's (see strata_ino)
 * @layer: the layer @dir is on, or NULL to keep the real inode numbers
 */
int strata_names_read(const struct path *dir, struct strata_names *names,
		      struct strata_fs *ofs, struct strata_layer *layer)
{
	struct strata_fill fill = {
		.ctx.actor = strata_fill_actor,
		.names = names,
		.ofs = ofs,
		.layer = layer,
	};
	struct file *realdir;
	int err;

	realdir = strata_do_open_dir(dir);
	if (IS_ERR(realdir))
		return PTR_ERR(realdir);
	/*
	 * One iterate may stop short of the end (NFS returns what one reply
	 * brought): the end is a pass that gives nothing.
	 */
	do {
		fill.seen = 0;
		err = strata_do_iterate(realdir, &fill.ctx) ?: fill.err;
	} while (!err && fill.seen);
	fput(realdir);
	return err;
}


/**
 * strata_names_read_layer - add one layer's part of a directory to a set
 * @ofs:   the mount
 * @names: the set; names it already holds are skipped
 * @dir:   the real directory and its layer
 * @index: recorded in each name added (which lower layer holds it first)
 *
 * Whiteouts among the new names are marked. Called with the mounter's
 * credentials.
 */
int strata_names_read_layer(struct strata_fs *ofs, struct strata_names *names,
			    const struct strata_path *dir, unsigned int index)
{
	struct path path = { .mnt = dir->layer->mnt, .dentry = dir->dentry };
	struct list_head *last = names->list.prev, *pos;
	int err;

	err = strata_names_read(&path, names, ofs, dir->layer);
	if (err)
		return err;
	for (pos = last->next; pos != &names->list; pos = pos->next)
		list_entry(pos, struct strata_name, list)->layer = index;
	return strata_mark_whiteouts(last->next, &names->list, &path);
}

/**
 * strata_names_each - call @fn for each name in a real directory
 * @dir: the real directory; all its names are read before the first call,
 *       so @fn may remove them
 * @fn:  called with @dir, one name other than "." and "..", and @arg; an
 *       error stops the walk and is returned
 * @arg: passed to @fn
 *
 * The mount-time walks of the work and index directories.
 */
int strata_names_each(const struct path *dir, strata_name_fn fn, void *arg)
{
	struct strata_names names;
	struct strata_name *p;
	int err;

	err = strata_names_init(&names);
	if (err)
		return err;
	err = strata_names_read(dir, &names, NULL, NULL);
	list_for_each_entry(p, &names.list, list) {
		if (err)
			break;
		if (!is_dot_dotdot(p->name, p->len))
			err = fn(dir, p, arg);
	}
	strata_names_free(&names);
	return err;
}
