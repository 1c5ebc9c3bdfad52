// SPDX-License-Identifier: GPL-2.0-only
/*
 * Merged directory listing.
 *
 * The first getdents on an open directory reads every layer the directory
 * spans, top first, into a name set: the first layer to show a name owns it,
 * so lower entries of the same name are dropped. A whiteout owns its name
 * too, and is then left out of the listing. The result is kept per open file
 * as an array, so positions are indices and seekdir/telldir are O(1);
 * rewinding to 0 rebuilds it. Cost is linear in the entries of all layers.
 */
#include "strata.h"
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#define STRATA_NAMES_MIN_BITS	6

/* --- name set: insertion-ordered, hashed, growing --- */

int strata_names_init(struct strata_names *n)
{
	n->bits = STRATA_NAMES_MIN_BITS;
	n->count = 0;
	INIT_LIST_HEAD(&n->list);
	n->buckets = kvcalloc(1U << n->bits, sizeof(*n->buckets), GFP_KERNEL);
	return n->buckets ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_init);

void strata_names_free(struct strata_names *n)
{
	struct strata_name *p, *tmp;

	list_for_each_entry_safe(p, tmp, &n->list, list)
		kfree(p);
	kvfree(n->buckets);
	n->buckets = NULL;
	INIT_LIST_HEAD(&n->list);
	n->count = 0;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_free);

static u32 strata_name_hash(const char *name, unsigned int len,
			    unsigned int bits)
{
	return jhash(name, len, 0) >> (32 - bits);
}

struct strata_name *
strata_names_find(struct strata_names *n, const char *name, unsigned int len)
{
	struct strata_name *p;

	hlist_for_each_entry(p, &n->buckets[strata_name_hash(name, len, n->bits)],
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

	buckets = kvcalloc(1U << bits, sizeof(*buckets), GFP_KERNEL);
	if (!buckets)
		return;		/* longer chains, still correct */
	list_for_each_entry(p, &n->list, list)
		hlist_add_head(&p->hash,
			       &buckets[strata_name_hash(p->name, p->len, bits)]);
	kvfree(n->buckets);
	n->buckets = buckets;
	n->bits = bits;
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
 * ERR_PTR(-ENOMEM).
 */
struct strata_name *
strata_names_add(struct strata_names *n, const char *name, unsigned int len,
		 u64 ino, unsigned int type)
{
	struct strata_name *p;

	if (strata_names_find(n, name, len))
		return NULL;
	p = kmalloc(struct_size(p, name, len + 1), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	memcpy(p->name, name, len);
	p->name[len] = '\0';
	p->len = len;
	p->ino = ino;
	p->type = type;
	p->whiteout = false;
	list_add_tail(&p->list, &n->list);
	hlist_add_head(&p->hash, &n->buckets[strata_name_hash(name, len, n->bits)]);
	if (++n->count > (1U << n->bits) && n->bits < 24)
		strata_names_grow(n);
	return p;
}
EXPORT_SYMBOL_IF_KUNIT(strata_names_add);

/* --- building the merged list --- */

/* State of one open merged directory; guarded by the file's f_pos_lock. */
struct strata_dir_file {
	struct strata_names names;
	struct strata_name **visible;	/* listing order, whiteouts left out */
	unsigned int num_visible;
	bool valid;
};

struct strata_fill {
	struct dir_context ctx;
	struct strata_names *names;
	struct strata_fs *ofs;
	struct strata_layer *layer;
	int err;
};

static bool strata_fill_actor(struct dir_context *ctx, const char *name,
			      int len, loff_t pos, u64 ino, unsigned int type)
{
	struct strata_fill *f = container_of(ctx, struct strata_fill, ctx);
	struct strata_name *p;

	if (f->layer)
		ino = strata_ino(f->ofs, f->layer, ino);
	p = strata_names_add(f->names, name, len, ino, type);
	if (IS_ERR(p)) {
		f->err = PTR_ERR(p);
		return false;
	}
	return true;
}

/*
 * Entries of one layer that may be whiteouts (character devices, or of
 * unknown type) are looked up: d_type alone cannot tell 0/0 from a device.
 */
static int strata_mark_whiteouts(struct list_head *from, struct list_head *end,
				 struct dentry *realdir)
{
	struct list_head *pos;

	for (pos = from; pos != end; pos = pos->next) {
		struct strata_name *p = list_entry(pos, struct strata_name, list);
		struct dentry *d;

		if (p->type != DT_CHR && p->type != DT_UNKNOWN)
			continue;
		d = strata_do_lookup(p->name, p->len, realdir);
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
	err = strata_do_iterate(realdir, &fill.ctx);
	fput(realdir);
	return err ?: fill.err;
}

/* Adds one layer's names to @names; called with the mounter's creds. */
static int strata_read_layer(struct strata_fs *ofs, struct strata_names *names,
			     const struct strata_path *dir)
{
	struct path path = { .mnt = dir->layer->mnt, .dentry = dir->dentry };
	struct list_head *last = names->list.prev;
	int err;

	err = strata_names_read(&path, names, ofs, dir->layer);
	if (!err)
		err = strata_mark_whiteouts(last->next, &names->list, dir->dentry);
	return err;
}

static void strata_dir_file_reset(struct strata_dir_file *od)
{
	kvfree(od->visible);
	od->visible = NULL;
	od->num_visible = 0;
	strata_names_free(&od->names);
	od->valid = false;
}

/*
 * Reads every layer of @inode into @names, upper first; *@upper_whiteouts
 * (if given) tells whether the upper layer alone holds whiteouts.
 */
static int strata_dir_read_layers(struct inode *inode,
				  struct strata_names *names,
				  bool *upper_whiteouts)
{
	struct strata_entry *e = strata_i_entry(inode);
	struct strata_fs *ofs = STRATA_FS(inode->i_sb);
	struct dentry *upper = strata_i_upper(inode);
	const struct cred *old;
	struct strata_name *p;
	unsigned int i;
	int err = 0;

	old = strata_override_creds(inode->i_sb);
	if (upper) {
		struct strata_path up = { &ofs->upper, upper };

		err = strata_read_layer(ofs, names, &up);
	}
	if (upper_whiteouts) {
		*upper_whiteouts = false;
		list_for_each_entry(p, &names->list, list)
			*upper_whiteouts |= p->whiteout;
	}
	for (i = 0; i < e->num_lower && !err; i++)
		err = strata_read_layer(ofs, names, &e->lower[i]);
	revert_creds(old);
	return err;
}

/* Reads every layer of @inode and indexes the visible names. */
static int strata_dir_build(struct inode *inode, struct strata_dir_file *od)
{
	struct strata_name *p;
	int err;

	strata_dir_file_reset(od);
	err = strata_names_init(&od->names);
	if (err)
		return err;

	err = strata_dir_read_layers(inode, &od->names, NULL);
	if (err)
		goto out_reset;

	od->visible = kvmalloc_array(od->names.count, sizeof(*od->visible),
				     GFP_KERNEL);
	err = -ENOMEM;
	if (!od->visible)
		goto out_reset;
	list_for_each_entry(p, &od->names.list, list) {
		if (!p->whiteout)
			od->visible[od->num_visible++] = p;
	}
	od->valid = true;
	return 0;

out_reset:
	strata_dir_file_reset(od);
	return err;
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
	struct strata_names names;
	struct strata_name *p;
	int err;

	err = strata_names_init(&names);
	if (err)
		return err;
	err = strata_dir_read_layers(d_inode(dentry), &names, has_whiteouts);
	list_for_each_entry(p, &names.list, list) {
		if (err)
			break;
		if (!p->whiteout && !is_dot_dotdot(p->name, p->len))
			err = -ENOTEMPTY;
	}
	strata_names_free(&names);
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
	int err;

	if (!od->valid) {
		err = strata_dir_build(file_inode(file), od);
		if (err)
			return err;
	}
	for (; ctx->pos < od->num_visible; ctx->pos++) {
		struct strata_name *p = od->visible[ctx->pos];

		if (!dir_emit(ctx, p->name, p->len, strata_dot_ino(file, p),
			      p->type))
			break;
	}
	return 0;
}

/* Positions are indices into the listing; 0 means "read the layers again". */
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
	if (offset == 0)
		od->valid = false;
	file->f_pos = offset;
	return offset;
}

static int strata_dir_open(struct inode *inode, struct file *file)
{
	struct strata_dir_file *od;

	od = kzalloc(sizeof(*od), GFP_KERNEL);
	if (!od)
		return -ENOMEM;
	INIT_LIST_HEAD(&od->names.list);
	file->private_data = od;
	return 0;
}

static int strata_dir_release(struct inode *inode, struct file *file)
{
	struct strata_dir_file *od = file->private_data;

	strata_dir_file_reset(od);
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
		err = vfs_fsync_range(real, start, end, datasync);
		fput(real);
	}
	revert_creds(old);
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
