/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Strata's core data structures and their accessors.
 *
 * The layer stack is fixed at mount: strata_fs owns one private clone of each
 * layer's mount. A strata inode points at its real objects in two parts:
 *  - its lower stack, a strata_entry filled once before the inode is
 *    unlocked and never changed afterwards, so readers need no lock;
 *  - its upper dentry, set at creation or published once by copy-up
 *    (strata_i_set_upper()), after which it never changes either.
 */
#ifndef _STRATA_ENTRY_H
#define _STRATA_ENTRY_H

#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/cred.h>

/* One layer of the stack. */
struct strata_layer {
	struct vfsmount *mnt;	/* private clone; read-only for lower layers */
	unsigned int fsid;	/* index of the layer's filesystem, see strata_ino() */
	/* Its filesystem's uuid is null, or another lower filesystem's too:
	 * origin records cannot name it (origin.c). */
	bool bad_uuid;
};

/* A real object: a dentry on one layer. */
struct strata_path {
	struct strata_layer *layer;
	struct dentry *dentry;
};

/*
 * The lower objects behind one strata object, top layer first. A directory
 * may span many layers; every other type has at most one entry. An object
 * that exists only in the upper layer has none.
 */
struct strata_entry {
	unsigned int num_lower;
	struct strata_path lower[];
};

/* uuid=: how overlayfs's origin records name a lower's filesystem. */
enum strata_uuid { STRATA_UUID_AUTO, STRATA_UUID_OFF, STRATA_UUID_NULL };

/* Mount options beyond the layers, fixed at mount. */
struct strata_config {
	bool userxattr;		/* overlayfs metadata in user.overlay.* */
	/* Accepted and shown, as overlayfs does: permission checks are the
	 * same with it or without it. */
	bool default_permissions;
	/* Which uuid origin records carry (origin.c); "null" and "auto"
	 * differ only in overlayfs's own statfs answer. */
	enum strata_uuid uuid;
	/* Lowers hold whiteouts as ".wh." files (aufs.c). */
	bool aufs_whiteouts;
	/* index=on: lower hard links stay one file (hardlinks.c). */
	bool index;
};

/* Per-mount state; owned by the super block (s_fs_info). */
struct strata_fs {
	struct strata_config config;

	/* The upper layer: upper.mnt is NULL without upperdir. */
	struct strata_layer upper;
	/* Upper root and workdir, each referenced and held with I_OVL_INUSE. */
	struct dentry *upperdir, *workdir;
	/* WORKDIR/work, where copy-up and replacements are staged; NULL when
	 * the union is read-only.
	 */
	struct dentry *work;
	/* WORKDIR/index, referenced: index=on's copies of lower hard
	 * links (hardlinks.c); NULL without index=on.
	 */
	struct dentry *indexdir;
	char *upper_name, *work_name;

	unsigned int num_lower;
	struct strata_layer *lower;	/* lower[0] is the top lower layer */
	char **lower_names;		/* as given, for show_options */

	/*
	 * Filesystems under the layers, numbered as overlayfs numbers them:
	 * fsid 0 is the upper's (kept even without an upper), then each
	 * other lower filesystem in order. samefs: a single one holds every
	 * layer. xino_bits: the top bits of st_ino that carry the fsid, 0 if
	 * none (see strata_ino()).
	 */
	unsigned int num_fs;
	bool samefs;
	unsigned int xino_bits;

	/* Credentials of the mounter: every real-layer access runs under them. */
	const struct cred *creator_cred;

	/*
	 * Directories holding cached names (listings, lower-name indexes),
	 * least recently cached first, for the super block's shrinker
	 * (reclaim.c); and how many names they hold in all.
	 */
	spinlock_t cache_lock;
	struct list_head cache_lru;
	atomic_long_t cached_names;
};

struct strata_listing;
struct strata_index;

struct strata_inode {
	struct strata_entry *entry;	/* lower stack; set before unlock_new_inode() */
	/*
	 * The upper dentry, referenced. Written once (NULL to a dentry), under
	 * copyup_lock, with a release store; read with strata_i_upper().
	 */
	struct dentry *upper;
	struct mutex copyup_lock;	/* one copy-up of this inode at a time */
	unsigned long flags;		/* STRATA_I_* bits */
	/* STRATA_I_INDEXED: the union's link count minus the upper's;
	 * changed under copyup_lock (hardlinks.c).
	 */
	int nlink_diff;

	/* Directories (listing.c, index.c, reclaim.c): */
	/* the names of the lower layers; published once, read under RCU */
	struct strata_index __rcu *lower_index;
	atomic_t lower_probes;		/* lower dirs looked in without the index */
	unsigned int index_cost;	/* strata_index_cost(), 0 until known */
	/* the cached merged listing and its generation, under vfs_inode.i_lock */
	struct strata_listing *listing;
	unsigned int listing_gen;
	/* on strata_fs.cache_lru while it may hold either; under its lock */
	struct list_head cache_lru;

	struct inode vfs_inode;
};

/* strata_inode.flags */
enum {
	/* A non-directory with an upper whose inode number is its origin's:
	 * a directory that gets it as an entry must be marked impure. */
	STRATA_I_ORIGIN,
	/* A directory whose upper is marked impure (origin.c). */
	STRATA_I_IMPURE,
	/* A lower hard link whose upper is its index entry, shared by all
	 * its names (hardlinks.c); set before the upper is published.
	 */
	STRATA_I_INDEXED,
};

/* Strata dentry flags, kept in the dentry's d_fsdata word. */
enum {
	/* The name is linked in the upper: see strata_d_has_upper(). */
	STRATA_D_UPPER_ALIAS,
};

static inline unsigned long *strata_d_flags(struct dentry *dentry)
{
	return (unsigned long *)&dentry->d_fsdata;
}

static inline struct strata_inode *STRATA_I(struct inode *inode)
{
	return container_of(inode, struct strata_inode, vfs_inode);
}

static inline struct strata_fs *STRATA_FS(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct strata_entry *strata_i_entry(struct inode *inode)
{
	return STRATA_I(inode)->entry;
}

/* The upper dentry of @inode, or NULL; pairs with strata_i_set_upper(). */
static inline struct dentry *strata_i_upper(struct inode *inode)
{
	return smp_load_acquire(&STRATA_I(inode)->upper);
}

/* Publishes @upper (a reference the inode takes over); see copyup_lock. */
static inline void strata_i_set_upper(struct inode *inode,
				      struct dentry *upper)
{
	smp_store_release(&STRATA_I(inode)->upper, upper);
}

static inline bool strata_i_indexed(struct inode *inode)
{
	return test_bit(STRATA_I_INDEXED, &STRATA_I(inode)->flags);
}

/*
 * Whether the name @dentry has its upper object: once its inode has one,
 * except for a name of an indexed lower hard link, whose inode's upper is
 * the index entry and which is linked in the upper only when it changes
 * (hardlinks.c).
 */
static inline bool strata_d_has_upper(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);

	if (!strata_i_upper(inode))
		return false;
	return !strata_i_indexed(inode) ||
	       test_bit(STRATA_D_UPPER_ALIAS, strata_d_flags(dentry));
}

/* Whether @inode has lower objects: then removing it needs a whiteout. */
static inline bool strata_i_has_lower(struct inode *inode)
{
	return strata_i_entry(inode)->num_lower > 0;
}

/*
 * The topmost real object of @inode, what its data and attributes come
 * from: the upper dentry if there is one, else the top lower one.
 */
static inline struct strata_path strata_i_top(struct inode *inode)
{
	struct dentry *upper = strata_i_upper(inode);

	if (upper)
		return (struct strata_path){
			.layer = &STRATA_FS(inode->i_sb)->upper,
			.dentry = upper,
		};
	return strata_i_entry(inode)->lower[0];
}

static inline struct inode *strata_i_real(struct inode *inode)
{
	return d_inode(strata_i_top(inode).dentry);
}

static inline void strata_i_realpath(struct inode *inode, struct path *path)
{
	struct strata_path top = strata_i_top(inode);

	path->mnt = top.layer->mnt;
	path->dentry = top.dentry;
}

/* The strata inode of @dentry's parent; stable while the caller holds a
 * lock that keeps @dentry where it is (the parent's lock or rename's).
 */
static inline struct inode *strata_parent_inode(struct dentry *dentry)
{
	return d_inode(dentry->d_parent);
}

#endif /* _STRATA_ENTRY_H */
