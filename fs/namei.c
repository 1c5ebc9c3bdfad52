// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lookup across layers.
 *
 * A name is looked up in each layer its parent directory spans, the upper
 * first, then the lowers top first:
 *  - a whiteout (a 0/0 character device) hides the name in every layer below;
 *  - a non-directory is the result if nothing was found above it, and ends
 *    the walk either way (it hides lower directories of the same name);
 *  - directories collect into a stack, and an opaque one ends the walk.
 * The result is a strata inode with the upper dentry found, if any, and an
 * entry holding the lower ones.
 */
#include "strata.h"
#include <linux/slab.h>

struct strata_entry *strata_entry_alloc(unsigned int num_lower)
{
	return kzalloc(struct_size((struct strata_entry *)NULL, lower,
				   num_lower), GFP_KERNEL);
}

/* Drops the entry's references to its real dentries; the array stays. */
void strata_entry_put(struct strata_entry *e)
{
	unsigned int i;

	if (!e)
		return;
	for (i = 0; i < e->num_lower; i++)
		dput(e->lower[i].dentry);
}

void strata_entry_free(struct strata_entry *e)
{
	strata_entry_put(e);
	kfree(e);
}

/* Strata dentries' only operation: see strata_d_real_op() in compat.h. */
const struct dentry_operations strata_dentry_ops = {
	.d_real = strata_d_real_op,
};

/* Lookup context: the walk's state, one step per layer. */
struct strata_lookup {
	struct strata_fs *ofs;
	const struct qstr *name;
	struct strata_path *found;	/* the stack being built */
	unsigned int num;
	bool stop;
	const struct strata_layer *bottom;	/* the mount's last layer */
	unsigned int gi_flags;	/* for strata_get_inode(), index=on */
};

/* Looks @l->name up in one real directory and applies the rules above. */
static int strata_lookup_layer(struct strata_lookup *l,
			       const struct strata_path *parent)
{
	struct strata_path *found;
	struct dentry *this;
	bool opaque;
	int err;

	/* A lower's whiteout files are its format, never names of its own. */
	if (strata_aufs_name(l->ofs, parent->layer, l->name->name,
			     l->name->len) != STRATA_AUFS_PLAIN)
		return 0;
	this = strata_do_lookup(strata_layer_idmap(parent->layer),
				l->name->name, l->name->len, parent->dentry);
	if (IS_ERR(this)) {
		err = PTR_ERR(this);
		/* A layer without this name at all is not an error. */
		return err == -ENOENT ? 0 : err;
	}
	if (d_is_negative(this)) {
		dput(this);
		err = strata_aufs_whiteout(l->ofs, parent, l->name);
		l->stop = err > 0;
		return min(err, 0);
	}
	if (strata_dentry_weird(this)) {
		/* Names that do not compare byte for byte, or a mount point
		 * being made: refused, as overlayfs does.
		 */
		pr_warn_ratelimited("refusing %pd2: its filesystem does not compare names byte for byte, or it is an automount point\n",
				    this);
		dput(this);
		return -EREMOTE;
	}
	if (strata_is_whiteout(this) || (l->num && !d_is_dir(this))) {
		/* Hidden below a whiteout, or a non-dir under a directory. */
		dput(this);
		l->stop = true;
		return 0;
	}

	found = &l->found[l->num++];
	found->layer = parent->layer;
	found->dentry = this;
	if (!d_is_dir(this)) {
		l->stop = true;
		return strata_check_unsupported(l->ofs, found, false);
	}
	err = strata_check_opaque(l->ofs, found, &opaque);
	l->stop = opaque;
	if (!err && !opaque)
		err = strata_check_unsupported(l->ofs, found,
					       parent->layer != l->bottom);
	return err;
}

/* Walks @dir's layers, upper first, filling @l; runs as the mounter. */
static int strata_lookup_walk(struct strata_lookup *l, struct inode *dir)
{
	struct strata_entry *pe = strata_i_entry(dir);
	struct dentry *upper = strata_i_upper(dir);
	unsigned int i, first;
	int err = 0;

	if (upper) {
		struct strata_path up = { &l->ofs->upper, upper };

		err = strata_lookup_layer(l, &up);
	}
	if (l->stop || err)
		return err;
	first = strata_dir_first_lower(dir, l->name);
	for (i = first; i < pe->num_lower && !l->stop && !err; i++)
		err = strata_lookup_layer(l, &pe->lower[i]);
	strata_dir_count_probes(dir, i - first);
	return err;
}

/*
 * A non-directory found in the upper alone may be a copy: the lower object
 * its origin names (origin.c) joins the stack, as copy-up left it, and
 * gives it its inode number. As the mounter.
 */
static int strata_lookup_origin(struct strata_lookup *l)
{
	struct strata_path origin;
	int err;

	if (l->num != 1 || l->found[0].layer != &l->ofs->upper ||
	    d_is_dir(l->found[0].dentry))
		return 0;
	err = strata_origin_get(l->ofs, l->found[0].dentry, &origin);
	if (!err && origin.dentry)
		l->found[l->num++] = origin;
	return err;
}

/*
 * index=on: a non-directory whose lower has other links is one inode for
 * all its names, found by the lower inode; once copied up through any of
 * them, its index entry is its upper object, for the names not linked up
 * yet too (hardlinks.c). As the mounter.
 */
static int strata_lookup_index(struct strata_lookup *l)
{
	struct strata_path *first = &l->found[0];
	bool has_upper = l->num && first->layer == &l->ofs->upper;
	struct strata_path *lower = &l->found[has_upper];
	struct dentry *index;

	if (l->num <= has_upper || !strata_hl_keeps(l->ofs, lower->dentry))
		return 0;
	index = strata_hl_lookup(l->ofs, lower->dentry,
				 has_upper ? first->dentry : NULL);
	if (IS_ERR(index))
		return PTR_ERR(index);
	if (!index) {
		/* Not copied up yet; or copied up without the index, as a
		 * file of its own name's.
		 */
		if (!has_upper)
			l->gi_flags = STRATA_GI_BY_LOWER;
		return 0;
	}
	l->gi_flags = STRATA_GI_BY_LOWER | STRATA_GI_INDEXED;
	if (has_upper) {
		dput(first->dentry);
	} else {
		/* found[] has room: a non-directory stack holds one object. */
		l->found[1] = *first;
		l->num++;
		first->layer = &l->ofs->upper;
	}
	first->dentry = index;
	return 0;
}

/* Splits what the walk found into the upper dentry and the lower entry. */
static int strata_lookup_result(struct strata_lookup *l, struct dentry **upper,
				struct strata_entry **e)
{
	struct strata_path *found = l->found;
	unsigned int num = l->num;

	if (num && found[0].layer == &l->ofs->upper) {
		*upper = found[0].dentry;
		found++;
		num--;
	}
	*e = strata_entry_alloc(num);
	if (!*e)
		return -ENOMEM;
	memcpy((*e)->lower, found, num * sizeof(*found));
	(*e)->num_lower = num;
	l->num = 0;	/* the references moved */
	return 0;
}

struct dentry *strata_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags)
{
	struct strata_fs *ofs = STRATA_FS(dentry->d_sb);
	struct strata_lookup l = {
		.ofs = ofs,
		.name = &dentry->d_name,
		.bottom = ofs->num_lower ? &ofs->lower[ofs->num_lower - 1] :
					   &ofs->upper,
	};
	struct dentry *upper = NULL;
	struct strata_entry *e = NULL;
	struct inode *inode = NULL;
	const struct cred *old;
	unsigned int i;
	int err;

	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);

	/* The upper, each lower, or the upper and its origin. */
	l.found = kcalloc(strata_i_entry(dir)->num_lower + 2, sizeof(*l.found),
			  GFP_KERNEL);
	if (!l.found)
		return ERR_PTR(-ENOMEM);

	old = strata_override_creds(dentry->d_sb);
	err = strata_lookup_walk(&l, dir);
	if (!err)
		err = strata_lookup_origin(&l);
	/* The name itself is in the upper (before an index entry stands in). */
	if (!err && l.num && l.found[0].layer == &ofs->upper)
		set_bit(STRATA_D_UPPER_ALIAS, strata_d_flags(dentry));
	if (!err)
		err = strata_lookup_index(&l);
	strata_revert_creds(old);

	if (!err && l.num)
		err = strata_lookup_result(&l, &upper, &e);
	for (i = 0; i < l.num; i++)
		dput(l.found[i].dentry);
	kfree(l.found);
	if (err)
		return ERR_PTR(err);

	if (e) {
		inode = strata_get_inode(dentry->d_sb, upper, e, l.gi_flags);
		if (IS_ERR(inode))
			return ERR_CAST(inode);
	}
	return d_splice_alias(inode, dentry);
}

/**
 * strata_lower_positive - whether a lower layer shows @dentry's name
 * @dentry: a strata dentry whose parent is held by the caller
 *
 * Lookup stops at an upper non-directory, so a file that replaced a
 * whiteout, or was renamed here, does not know whether it hides a lower
 * one (its inode's lower stack, if any, is from its old name). Removing or
 * renaming it away must leave a whiteout exactly when one does.
 * Returns 1, 0, or a negative error.
 */
int strata_lower_positive(struct dentry *dentry)
{
	struct inode *dir = strata_parent_inode(dentry);
	struct strata_entry *pe = strata_i_entry(dir);
	const struct qstr *name = &dentry->d_name;
	const struct cred *old;
	unsigned int i, first;
	int ret = 0;

	/* An object with no upper was found in a lower under this name. */
	if (d_inode(dentry) && !strata_i_upper(d_inode(dentry)))
		return 1;
	old = strata_override_creds(dentry->d_sb);
	first = strata_dir_first_lower(dir, name);
	for (i = first; i < pe->num_lower && !ret; i++) {
		struct dentry *this;

		this = strata_do_lookup(strata_layer_idmap(pe->lower[i].layer),
					name->name, name->len,
					pe->lower[i].dentry);
		if (IS_ERR(this)) {
			if (PTR_ERR(this) != -ENOENT)
				ret = PTR_ERR(this);
			continue;
		}
		if (d_is_positive(this)) {
			ret = strata_is_whiteout(this) ? -ENOENT : 1;
		} else {
			/* An AUFS whiteout hides the name as ours does. */
			int wh = strata_aufs_whiteout(STRATA_FS(dentry->d_sb),
						      &pe->lower[i], name);

			ret = wh > 0 ? -ENOENT : wh;
		}
		dput(this);
	}
	strata_dir_count_probes(dir, i - first);
	strata_revert_creds(old);
	return ret == -ENOENT ? 0 : ret;
}
