// SPDX-License-Identifier: GPL-2.0-only
/*
 * index=on: a lower file with several links stays one file through copy-up,
 * in overlayfs's format.
 *
 * The first copy-up of such a file goes to WORKDIR/index, named by the hex
 * of the origin record it carries (strata_index_name()); that index entry
 * becomes the upper object of the one strata inode all the file's names
 * share, found by the lower inode (strata_get_inode()). A name gets its own
 * link to the entry in its upper directory ("link-up", copy_up.c) when it
 * changes: before a write through it, and before it is removed or renamed,
 * so that every name the union drops is a link the upper drops too. A name
 * that was never linked up reads and writes through the entry.
 *
 * The union's link count of an indexed file is kept on the entry as
 * overlay.nlink, relative to a real count: "U%+d" to the entry's own, which
 * moves with every link and unlink in the upper, so that a change of names
 * and its count land together; or "L%+d" to the lower's, written just before
 * a link-up adds an upper link that is not a union name, so that a crash
 * between that link and the next "U" record still reads right. In memory
 * the count is the entry's plus nlink_diff, which the copy-up sets and
 * only a link-up (or a last name's removal the upper disagrees with)
 * changes, under the inode's copyup_lock.
 *
 * An entry whose union count reaches zero is removed, and a mount removes
 * what a crash left: entries no name links any more, and entries whose
 * lower file is gone. The index is tied to its upper (overlay.upper on the
 * index directory) and the upper root to its first lower layer (its
 * overlay.origin): a mount with other layers fails with ESTALE, as with
 * overlayfs.
 */
#include "strata.h"
#include <kunit/visibility.h>
#include <linux/slab.h>

#define STRATA_INDEX_NAME	"index"

/* Enough for overlayfs's "U%+d" with any int. */
#define STRATA_NLINK_MAX	13

/**
 * strata_nlink_parse - read a link count record
 * @buf:  the value, not terminated
 * @len:  its length
 * @base: set to 'U' or 'L', the real count it is relative to
 * @diff: set to the difference
 *
 * Returns 0, or -EINVAL for a value overlayfs would not write.
 */
VISIBLE_IF_KUNIT int strata_nlink_parse(const char *buf, size_t len,
					char *base, int *diff)
{
	char s[STRATA_NLINK_MAX];

	if (len < 3 || len >= sizeof(s) || (buf[0] != 'U' && buf[0] != 'L') ||
	    (buf[1] != '+' && buf[1] != '-'))
		return -EINVAL;
	memcpy(s, buf, len);
	s[len] = '\0';
	*base = s[0];
	return kstrtoint(s + 1, 10, diff);
}
EXPORT_SYMBOL_IF_KUNIT(strata_nlink_parse);

/* Writes @upper's link count record; as the mounter. */
static int strata_hl_record(struct strata_fs *ofs, struct dentry *upper,
			    char base, int diff)
{
	char buf[STRATA_NLINK_MAX];
	int len = snprintf(buf, sizeof(buf), "%c%+d", base, diff);

	return strata_do_setxattr(strata_upper_idmap(ofs), upper,
				  strata_xattr_name(ofs, STRATA_XATTR_NLINK),
				  buf, len, 0);
}

/*
 * The union link count @index records for a copy of @lower; @fallback
 * where it records none that makes sense. As the mounter.
 */
static unsigned int strata_hl_read_nlink(struct strata_fs *ofs,
					 struct dentry *lower,
					 struct dentry *index,
					 unsigned int fallback)
{
	char buf[STRATA_NLINK_MAX], base;
	ssize_t res;
	long nlink;
	int diff;

	res = strata_do_getxattr(strata_upper_idmap(ofs), index,
				 strata_xattr_name(ofs, STRATA_XATTR_NLINK),
				 buf, sizeof(buf) - 1);
	if (res < 0 || strata_nlink_parse(buf, res, &base, &diff))
		goto fail;
	nlink = (long)d_inode(base == 'L' ? lower : index)->i_nlink + diff;
	if (nlink > 0)
		return nlink;
fail:
	pr_warn_ratelimited("index entry %pd2: no valid link count (%zd), taking %u\n",
			    index, res, fallback);
	return fallback;
}

/*
 * Whether a copy of @lower goes to the index: a non-directory with several
 * links, under index=on. Not a symlink or special file under userxattr:
 * those carry no user.* xattrs, so no origin or count could be recorded.
 */
bool strata_hl_keeps(struct strata_fs *ofs, struct dentry *lower)
{
	return ofs->indexdir && !d_is_dir(lower) &&
	       (d_is_reg(lower) || !ofs->config.userxattr) &&
	       d_inode(lower)->i_nlink > 1;
}

/* Whether @inode is kept whole: strata_hl_keeps() of its lower object. */
bool strata_hl_wanted(struct inode *inode)
{
	struct strata_entry *e = strata_i_entry(inode);

	return e->num_lower &&
	       strata_hl_keeps(STRATA_FS(inode->i_sb), e->lower[0].dentry);
}

/*
 * Whether a change at @dentry's name must first link it up: give the name
 * its upper link to the index entry, copying the file up if this is its
 * first name to change.
 */
bool strata_hl_needs_link_up(struct dentry *dentry)
{
	return strata_hl_wanted(d_inode(dentry)) && !strata_d_has_upper(dentry);
}

/**
 * strata_hl_lookup - the index entry of a copy of @origin
 * @ofs:    the mount, with index=on
 * @origin: a lower non-directory with several links
 * @upper:  the upper object found at the name looked up, or NULL
 *
 * Returns the entry, referenced; NULL where there is none, or where @upper
 * is another file (a copy made without the index, which breaks the link as
 * overlayfs does); or an error: EIO for an entry that cannot be @origin's
 * copy. As the mounter.
 */
struct dentry *strata_hl_lookup(struct strata_fs *ofs, struct dentry *origin,
				struct dentry *upper)
{
	struct dentry *index;
	char *name;

	name = strata_index_name(ofs, origin);
	if (IS_ERR(name))
		return ERR_CAST(name);
	index = strata_do_lookup(strata_upper_idmap(ofs), name, strlen(name),
				 ofs->indexdir);
	kfree(name);
	if (IS_ERR(index))
		return PTR_ERR(index) == -ENOENT ? NULL : index;
	if (d_is_negative(index)) {
		dput(index);
		return NULL;
	}
	if (strata_dentry_weird(index) || strata_is_whiteout(index) ||
	    inode_wrong_type(d_inode(index), d_inode(origin)->i_mode)) {
		pr_warn_ratelimited("index entry %pd2 cannot be a copy of %pd2; remove it, or mount with index=off\n",
				    index, origin);
		dput(index);
		return ERR_PTR(-EIO);
	}
	if (upper && d_inode(upper) != d_inode(index)) {
		dput(index);
		return NULL;
	}
	return index;
}

/* A new inode whose upper is its index entry: its union link count. */
void strata_hl_init(struct inode *inode)
{
	struct strata_fs *ofs = STRATA_FS(inode->i_sb);
	struct dentry *index = STRATA_I(inode)->upper;
	unsigned int real = d_inode(index)->i_nlink;
	const struct cred *old;
	unsigned int nlink;

	old = strata_override_creds(inode->i_sb);
	nlink = strata_hl_read_nlink(ofs, strata_i_entry(inode)->lower[0].dentry,
				     index, real);
	strata_revert_creds(old);
	STRATA_I(inode)->nlink_diff = (int)nlink - (int)real;
	set_bit(STRATA_I_INDEXED, &STRATA_I(inode)->flags);
}

/* The union link count of @inode, whose top real inode has @real_nlink. */
unsigned int strata_hl_nlink(struct inode *inode, unsigned int real_nlink)
{
	long nlink;

	if (!strata_i_indexed(inode))
		return real_nlink;
	nlink = (long)real_nlink + READ_ONCE(STRATA_I(inode)->nlink_diff);
	return nlink > 0 ? nlink : 0;
}

/*
 * Copy-up to the index: @temp, the finished copy of @inode, gets the union
 * count (all the lower's names) relative to its own single link; it takes
 * effect once the copy is published. Under copyup_lock, as the mounter.
 */
int strata_hl_record_copy(struct inode *inode, struct dentry *temp)
{
	int diff = (int)inode->i_nlink - 1;

	lockdep_assert_held(&STRATA_I(inode)->copyup_lock);
	STRATA_I(inode)->nlink_diff = diff;
	return strata_hl_record(STRATA_FS(inode->i_sb), temp, 'U', diff);
}

/* Before a link-up: the count, relative to the lower, which it leaves alone. */
int strata_hl_link_begin(struct inode *inode)
{
	struct dentry *index = strata_i_upper(inode);
	struct inode *lower = d_inode(strata_i_entry(inode)->lower[0].dentry);
	int nlink = strata_hl_nlink(inode, d_inode(index)->i_nlink);

	lockdep_assert_held(&STRATA_I(inode)->copyup_lock);
	return strata_hl_record(STRATA_FS(inode->i_sb), index, 'L',
				nlink - (int)lower->i_nlink);
}

/* After a link-up: one more upper link, no more union names. */
int strata_hl_link_done(struct inode *inode)
{
	struct strata_inode *si = STRATA_I(inode);

	lockdep_assert_held(&si->copyup_lock);
	WRITE_ONCE(si->nlink_diff, si->nlink_diff - 1);
	return strata_hl_record(STRATA_FS(inode->i_sb), si->upper, 'U',
				si->nlink_diff);
}

/**
 * strata_hl_before_change - before a name of @inode is added or removed
 * @inode: a strata inode; nothing to do unless it is indexed
 *
 * Records the union count relative to the entry's own, so that the change
 * of names and of the count land together. The caller has linked the
 * name up (strata_hl_needs_link_up()) and holds write access without
 * freeze protection, which is taken under copyup_lock, as in copy-up.
 */
int strata_hl_before_change(struct inode *inode)
{
	struct strata_inode *si = STRATA_I(inode);
	const struct cred *old;
	int err;

	if (!strata_i_indexed(inode))
		return 0;
	err = mutex_lock_killable(&si->copyup_lock);
	if (err)
		return err;
	strata_start_write(inode->i_sb);
	old = strata_override_creds(inode->i_sb);
	err = strata_hl_record(STRATA_FS(inode->i_sb), si->upper, 'U',
			       si->nlink_diff);
	strata_revert_creds(old);
	strata_end_write(inode->i_sb);
	mutex_unlock(&si->copyup_lock);
	return err;
}

/*
 * Removes @inode's index entry, its upper dentry, which only the index
 * links; as the mounter. Under the index's lock the entry is current if it
 * is still hashed there.
 */
static int strata_hl_remove_entry(struct inode *inode)
{
	struct strata_fs *ofs = STRATA_FS(inode->i_sb);
	struct dentry *entry = strata_i_upper(inode);
	struct inode *dir = d_inode(ofs->indexdir);
	int err = -ESTALE;

	inode_lock_nested(dir, I_MUTEX_PARENT);
	if (entry->d_parent == ofs->indexdir && !d_unhashed(entry))
		err = strata_do_unlink(strata_upper_idmap(ofs), dir, entry);
	inode_unlock(dir);
	return err;
}

/**
 * strata_hl_after_change - after a name of @inode went
 * @inode: a strata inode whose link count is up to date
 *
 * An indexed file the union has no name for any more loses its entry. One
 * that the upper still links (a lower link made under the mount, which the
 * union never counted) keeps it, counted as what the upper holds, as
 * overlayfs does. A failure leaves the entry to the next mount's cleanup.
 * The caller holds no write access: it is taken here, in copy-up's order.
 */
void strata_hl_after_change(struct inode *inode)
{
	struct strata_inode *si = STRATA_I(inode);
	const struct cred *old;
	unsigned int links;
	int err;

	if (!strata_i_indexed(inode) || inode->i_nlink)
		return;
	err = strata_get_write_access(inode->i_sb);
	if (err)
		goto out_warn;
	mutex_lock(&si->copyup_lock);
	strata_start_write(inode->i_sb);
	old = strata_override_creds(inode->i_sb);
	links = strata_i_real(inode)->i_nlink;
	if (links != 1) {
		pr_warn_ratelimited("index entry %pd2 still has %u links; keeping it\n",
				    si->upper, links);
		WRITE_ONCE(si->nlink_diff, -1);
		err = strata_hl_record(STRATA_FS(inode->i_sb), si->upper, 'U', -1);
		set_nlink(inode, links - 1);
	} else {
		err = strata_hl_remove_entry(inode);
	}
	strata_revert_creds(old);
	strata_end_write(inode->i_sb);
	mutex_unlock(&si->copyup_lock);
	strata_put_write_access(inode->i_sb);
out_warn:
	if (err)
		pr_warn_ratelimited("index entry %pd2: cannot remove it (%d); the next mount does\n",
				    si->upper, err);
}

/*
 * Whether an index entry found at mount is kept (0), goes (-ESTALE: its
 * lower file is gone or it is misnamed; -ENOENT: no name links it), or
 * makes the mount fail (any other error). Directories and whiteouts are
 * overlayfs's, for nfs_export: left as they are.
 */
static int strata_hl_check_entry(struct strata_fs *ofs, struct dentry *index)
{
	struct strata_path origin;
	unsigned int nlink;
	int err;

	if (d_is_dir(index) || strata_is_whiteout(index))
		return 0;
	err = strata_index_check_name(ofs, index);
	if (err || d_inode(index)->i_nlink > 1)
		return err;
	err = strata_origin_get(ofs, index, &origin);
	if (err)
		return err;
	if (!origin.dentry)
		return -ESTALE;
	nlink = strata_hl_read_nlink(ofs, origin.dentry, index, 0);
	dput(origin.dentry);
	return nlink ? 0 : -ENOENT;
}

/* The mount an index walk is for (sget_fc moved fc's strata_fs away). */
struct strata_hl_mount {
	struct fs_context *fc;
	struct strata_fs *ofs;
};

/* Checks one entry of the index and removes it if it must go. */
static int strata_hl_clean_entry(const struct path *dir, struct strata_name *p,
				 void *arg)
{
	struct fs_context *fc = ((struct strata_hl_mount *)arg)->fc;
	struct strata_fs *ofs = ((struct strata_hl_mount *)arg)->ofs;
	struct inode *idir = d_inode(dir->dentry);
	struct dentry *index;
	int err;

	/* What an interrupted overlayfs copy-up left: it stages them here. */
	if (p->name[0] == '#')
		return strata_work_remove_name(dir, p);
	inode_lock_nested(idir, I_MUTEX_PARENT);
	index = strata_do_lookup_locked(strata_upper_idmap(ofs), p->name,
					p->len, dir->dentry);
	err = PTR_ERR(index);
	if (IS_ERR(index))
		goto out_unlock;
	err = d_is_positive(index) ? strata_hl_check_entry(ofs, index) : 0;
	if (err == -ESTALE || err == -ENOENT)
		err = strata_do_unlink(strata_upper_idmap(ofs), idir, index);
	else if (err)
		errorfc(fc, "index=on: %s/%s/%s is not an index entry (%d); remove it, or mount with index=off",
			ofs->work_name, STRATA_INDEX_NAME, p->name, err);
	dput(index);
out_unlock:
	inode_unlock(idir);
	return err;
}

/* Removes the entries a crash or a lower change left in the index. */
static int strata_hl_clean(struct fs_context *fc, struct strata_fs *ofs,
			   struct dentry *indexdir)
{
	struct path dir = { .mnt = ofs->upper.mnt, .dentry = indexdir };
	struct strata_hl_mount m = { .fc = fc, .ofs = ofs };

	return strata_names_each(&dir, strata_hl_clean_entry, &m);
}

/*
 * Whether the layers allow an index: every layer's filesystem makes file
 * handles the mounter may follow, and every lower one has a uuid of its
 * own; otherwise index=on falls back to index=off with a warning, as in
 * overlayfs.
 */
static bool strata_hl_layers_fit(struct strata_fs *ofs)
{
	const char *why = NULL, *layer = ofs->upper_name;
	unsigned int i;

	if (!ofs->work)
		why = "the upper is read-only";
	else if (!strata_fs_has_handles(ofs->upper.mnt->mnt_sb))
		why = "its filesystem makes no file handles the mounter may follow";
	for (i = 0; !why && i < ofs->num_lower; i++) {
		layer = ofs->lower_names[i];
		if (!strata_fs_has_handles(ofs->lower[i].mnt->mnt_sb))
			why = "its filesystem makes no file handles the mounter may follow";
		else if (ofs->lower[i].bad_uuid)
			why = "its filesystem's uuid is null or not its own";
	}
	if (why)
		pr_warn("index=on: %s: %s; falling back to index=off\n",
			layer, why);
	return !why;
}

/*
 * Ties the upper root to the first lower and the index to the upper, or
 * checks that they are. As the mounter, with write access to the upper.
 */
static int strata_hl_verify_roots(struct fs_context *fc,
				  struct strata_fs *ofs,
				  struct dentry *indexdir)
{
	struct dentry *upper = ofs->upper.mnt->mnt_root;
	int err;

	err = strata_fh_verify(ofs, upper, STRATA_XATTR_ORIGIN,
			       ofs->lower[0].mnt->mnt_root, false, true);
	if (err == -ESTALE)
		errorfc(fc, "index=on: upperdir \"%s\" was used over another first lower layer than \"%s\"; mount it over that one, or with index=off",
			ofs->upper_name, ofs->lower_names[0]);
	if (err)
		return err;
	/* An older overlayfs kept the upper's handle as the index's origin. */
	err = strata_fh_verify(ofs, indexdir, STRATA_XATTR_ORIGIN, upper, true,
			       false);
	if (!err || err == -ENODATA)
		err = strata_fh_verify(ofs, indexdir, STRATA_XATTR_UPPER, upper,
				       true, true);
	if (err == -ESTALE)
		errorfc(fc, "index=on: the index in workdir \"%s\" belongs to another upperdir; remove %s/%s, or mount with index=off",
			ofs->work_name, ofs->work_name, STRATA_INDEX_NAME);
	return err;
}

/**
 * strata_hl_setup - index=on at mount
 * @fc:  for the reasons of a refusal
 * @ofs: the mount, its layers in place
 *
 * Prepares WORKDIR/index, checks that the layers are those it was made
 * with, and removes what a crash left in it. Returns 0 (with index=on in
 * force, or fallen back to off), or the refusal.
 */
int strata_hl_setup(struct fs_context *fc, struct strata_fs *ofs)
{
	struct path workdir = { .mnt = ofs->upper.mnt, .dentry = ofs->workdir };
	struct dentry *indexdir;
	int err;

	if (!ofs->config.index)
		return 0;
	if (!ofs->upper.mnt || !ofs->num_lower || !strata_hl_layers_fit(ofs)) {
		ofs->config.index = false;
		return 0;
	}
	err = strata_do_want_write(ofs->upper.mnt);
	if (err)
		return err;
	err = strata_workdir_subdir(&workdir, STRATA_INDEX_NAME, &indexdir);
	if (err) {
		errorfc(fc, "index=on: cannot create %s in workdir \"%s\" (%d)",
			STRATA_INDEX_NAME, ofs->work_name, err);
		goto out_drop_write;
	}
	err = strata_hl_verify_roots(fc, ofs, indexdir);
	if (!err)
		err = strata_hl_clean(fc, ofs, indexdir);
	if (err)
		dput(indexdir);
	else
		ofs->indexdir = indexdir;	/* the mount keeps the reference */
out_drop_write:
	strata_do_drop_write(ofs->upper.mnt);
	return err;
}
