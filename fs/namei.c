// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lookup across layers.
 *
 * A name is looked up in each layer its parent directory spans, top first:
 *  - a whiteout (a 0/0 character device) hides the name in every layer below;
 *  - a non-directory is the result if nothing was found above it, and ends
 *    the walk either way (it hides lower directories of the same name);
 *  - directories collect into a stack, and an opaque one ends the walk.
 * The result is a strata inode whose entry holds the real dentries found.
 */
#include "strata.h"
#include <linux/slab.h>

struct strata_entry *strata_entry_alloc(unsigned int num_lower)
{
	return kzalloc(struct_size((struct strata_entry *)NULL, lower,
				   num_lower), GFP_KERNEL);
}

void strata_entry_free(struct strata_entry *e)
{
	unsigned int i;

	if (!e)
		return;
	for (i = 0; i < e->num_lower; i++)
		dput(e->lower[i].dentry);
	kfree(e);
}

bool strata_is_whiteout(struct dentry *real)
{
	struct inode *inode = d_inode(real);

	return inode && S_ISCHR(inode->i_mode) && inode->i_rdev == WHITEOUT_DEV;
}

/*
 * Reads the opaque mark of a real directory. Only "y" makes it opaque, as in
 * overlayfs; any other value, or none, leaves it transparent.
 */
int strata_check_opaque(struct strata_fs *ofs, struct dentry *real,
			bool *opaque)
{
	char val;
	ssize_t res;

	res = strata_do_getxattr(real, strata_xattr_name(ofs, STRATA_XATTR_OPAQUE),
				 &val, 1);
	*opaque = res == 1 && val == 'y';
	if (res >= 0 || res == -ENODATA || res == -EOPNOTSUPP || res == -ERANGE)
		return 0;
	return res;
}

/* Lookup context: the walk's state, one step per layer. */
struct strata_lookup {
	struct strata_fs *ofs;
	const struct qstr *name;
	struct strata_path *found;	/* the stack being built */
	unsigned int num;
	bool stop;
};

/* Looks @l->name up in one real directory and applies the rules above. */
static int strata_lookup_layer(struct strata_lookup *l,
			       const struct strata_path *parent)
{
	struct dentry *this;
	bool opaque;
	int err;

	this = strata_do_lookup(l->name->name, l->name->len, parent->dentry);
	if (IS_ERR(this)) {
		err = PTR_ERR(this);
		/* A layer without this name at all is not an error. */
		return err == -ENOENT ? 0 : err;
	}
	if (d_is_negative(this)) {
		dput(this);
		return 0;
	}
	if (strata_is_whiteout(this) || (l->num && !d_is_dir(this))) {
		/* Hidden below a whiteout, or a non-dir under a directory. */
		dput(this);
		l->stop = true;
		return 0;
	}

	l->found[l->num].layer = parent->layer;
	l->found[l->num].dentry = this;
	l->num++;
	if (!d_is_dir(this)) {
		l->stop = true;
		return 0;
	}
	err = strata_check_opaque(l->ofs, this, &opaque);
	l->stop = opaque;
	return err;
}

struct dentry *strata_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags)
{
	struct strata_entry *pe = strata_i_entry(dir);
	struct strata_lookup l = {
		.ofs = STRATA_FS(dentry->d_sb),
		.name = &dentry->d_name,
	};
	struct strata_entry *e = NULL;
	struct inode *inode = NULL;
	const struct cred *old;
	unsigned int i;
	int err = 0;

	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);

	l.found = kcalloc(pe->num_lower, sizeof(*l.found), GFP_KERNEL);
	if (!l.found)
		return ERR_PTR(-ENOMEM);

	old = strata_override_creds(dentry->d_sb);
	for (i = 0; i < pe->num_lower && !l.stop && !err; i++)
		err = strata_lookup_layer(&l, &pe->lower[i]);
	revert_creds(old);

	if (!err && l.num) {
		e = strata_entry_alloc(l.num);
		if (e) {
			memcpy(e->lower, l.found, l.num * sizeof(*l.found));
			e->num_lower = l.num;
			l.num = 0;
		} else {
			err = -ENOMEM;
		}
	}
	for (i = 0; i < l.num; i++)
		dput(l.found[i].dentry);
	kfree(l.found);
	if (err)
		return ERR_PTR(err);

	if (e) {
		inode = strata_get_inode(dentry->d_sb, e);
		if (IS_ERR(inode))
			return ERR_CAST(inode);
	}
	return d_splice_alias(inode, dentry);
}
