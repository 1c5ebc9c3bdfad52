// SPDX-License-Identifier: GPL-2.0-only
/*
 * Directory files: getdents, seek and fsync on a strata directory.
 *
 * A directory that merges layers is read from its merged listing
 * (listing.c), whose positions are indices. A directory with a single real
 * directory behind it (only in the upper, or in one lower) is streamed from
 * that directory instead, as the real filesystem reads it: memory per open
 * does not grow with the directory, and positions are the real directory's.
 * A streamed directory that copy-up turns into a merged one is read from
 * its listing once the caller rewinds.
 */
#include "strata.h"
#include <linux/slab.h>

/* State of one open directory; guarded by the file's f_pos_lock. */
struct strata_dir_file {
	struct strata_listing *listing;	/* merged: NULL until the first getdents */
	struct file *real;		/* streamed: the real directory */
	struct strata_layer *layer;	/* streamed: the layer it is on */
	bool impure;			/* streamed: an upper marked impure */
};

/* "." and ".." carry strata's own inode numbers, not a layer's. */
static bool strata_dot_ino(struct file *file, const char *name, int len,
			   u64 *ino)
{
	struct dentry *dentry = file->f_path.dentry;

	if (len == 1 && name[0] == '.')
		*ino = d_inode(dentry)->i_ino;
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		*ino = d_inode(dentry->d_parent)->i_ino;
	else
		return false;
	return true;
}

static int strata_iterate_merged(struct file *file, struct dir_context *ctx)
{
	struct strata_dir_file *od = file->private_data;
	struct strata_listing *l = od->listing;

	if (!l) {
		l = strata_listing_get(file_inode(file));
		if (IS_ERR(l))
			return PTR_ERR(l);
		od->listing = l;
	}
	for (; ctx->pos < strata_listing_size(l); ctx->pos++) {
		struct strata_name *p = strata_listing_entry(l, ctx->pos);
		u64 ino = p->ino;

		strata_dot_ino(file, p->name, p->len, &ino);
		if (!dir_emit(ctx, p->name, p->len, ino, p->type))
			break;
	}
	return 0;
}

/*
 * One getdents of a streamed directory: the real one's, translated.
 *
 * Whiteouts are left out, and only a lookup tells one from a character
 * device (or from anything, where the real filesystem reports no type).
 * The actor cannot look up: the real directory is locked shared around it,
 * where a lookup needs it exclusive or unlocked. So the actor stops before
 * such an entry, leaving the real position on it; the name is looked up
 * unlocked, and the iteration resumes with the answer at hand.
 */
struct strata_stream {
	struct dir_context ctx;
	struct dir_context *caller;
	struct file *file;
	struct strata_dir_file *od;
	char *pending;		/* the name to look up before going on */
	char *known;		/* the name last looked up, and what it is */
	bool known_whiteout;
	unsigned int known_type;
	u64 known_ino;		/* 0: the entry's own, mapped (strata_ino()) */
	int err;
};

/*
 * Whether the entry @name of type @type needs the answer of a lookup, and
 * has it: 1 if so, 0 if it needs none; -EAGAIN with the name pending if it
 * needs one first. In an impure directory, a non-directory may be a copy
 * numbered by its origin.
 */
static int strata_stream_check(struct strata_stream *s, const char *name,
			       int len, unsigned int type)
{
	if (type != DT_CHR && type != DT_UNKNOWN &&
	    !(s->od->impure && type != DT_DIR))
		return 0;
	if (s->known && !strncmp(s->known, name, len) && !s->known[len])
		return 1;
	s->pending = kmemdup_nul(name, len, GFP_KERNEL);
	return s->pending ? -EAGAIN : -ENOMEM;
}

static bool strata_stream_actor(struct dir_context *ctx, const char *name,
				int len, loff_t pos, u64 ino, unsigned int type)
{
	struct strata_stream *s = container_of(ctx, struct strata_stream, ctx);
	struct strata_fs *ofs = STRATA_FS(file_inode(s->file)->i_sb);
	int ret;

	/* A lone lower's whiteout files hide nothing, and are not shown. */
	if (strata_aufs_name(ofs, s->od->layer, name, len) != STRATA_AUFS_PLAIN)
		return true;
	if (!strata_dot_ino(s->file, name, len, &ino)) {
		ret = strata_stream_check(s, name, len, type);
		if (ret < 0) {
			if (ret != -EAGAIN)
				s->err = ret;
			return false;
		}
		if (ret && s->known_whiteout)
			return true;
		if (ret)
			type = s->known_type;
		if (ret && s->known_ino)
			ino = s->known_ino;
		else
			ino = strata_ino(ofs, s->od->layer, ino);
	}
	/* The real position goes through, so that telldir answers it. */
	return s->caller->actor(s->caller, name, len, pos, ino, type);
}

/* Looks up the pending name, unlocked; its answer becomes the known one. */
static int strata_stream_resolve(struct strata_stream *s)
{
	struct strata_fs *ofs = STRATA_FS(file_inode(s->file)->i_sb);
	struct dentry *d;
	int err = 0;

	kfree(s->known);
	s->known = s->pending;
	s->pending = NULL;
	s->known_whiteout = false;
	s->known_type = DT_UNKNOWN;
	s->known_ino = 0;
	d = strata_do_lookup(strata_mnt_idmap(s->od->real->f_path.mnt),
			     s->known, strlen(s->known),
			     s->od->real->f_path.dentry);
	if (IS_ERR(d))
		return PTR_ERR(d) == -ENOENT ? 0 : PTR_ERR(d);
	s->known_whiteout = strata_is_whiteout(d);
	if (d_really_is_positive(d))
		s->known_type = fs_umode_to_dtype(d_inode(d)->i_mode);
	if (s->od->impure && d_really_is_positive(d) && !d_is_dir(d) &&
	    !s->known_whiteout)
		err = strata_upper_ino(ofs, d, &s->known_ino);
	dput(d);
	return err;
}

static int strata_iterate_stream(struct file *file, struct dir_context *ctx)
{
	struct strata_dir_file *od = file->private_data;
	struct strata_stream s = {
		.ctx.actor = strata_stream_actor,
		.caller = ctx,
		.file = file,
		.od = od,
	};
	const struct cred *old;
	int err;

	old = strata_override_creds(file_inode(file)->i_sb);
	for (;;) {
		err = strata_do_iterate(od->real, &s.ctx) ?: s.err;
		if (err || !s.pending)
			break;
		err = strata_stream_resolve(&s);
		if (err)
			break;
	}
	strata_revert_creds(old);
	kfree(s.pending);
	kfree(s.known);
	ctx->pos = s.ctx.pos;
	return err;
}

/* Opens the one real directory behind @inode for streaming; as the mounter. */
static int strata_dir_open_real(struct inode *inode, struct strata_dir_file *od)
{
	struct strata_path top = strata_i_top(inode);
	struct path path = { .mnt = top.layer->mnt, .dentry = top.dentry };
	const struct cred *old;
	struct file *real;

	old = strata_override_creds(inode->i_sb);
	real = strata_do_open_dir(&path);
	if (!IS_ERR(real) && top.layer == &STRATA_FS(inode->i_sb)->upper)
		od->impure = strata_is_impure(STRATA_FS(inode->i_sb), top.dentry);
	strata_revert_creds(old);
	if (IS_ERR(real))
		return PTR_ERR(real);
	od->real = real;
	od->layer = top.layer;
	return 0;
}

/* At position 0: a streamed directory copied up since is now merged. */
static void strata_dir_rewind(struct file *file)
{
	struct strata_dir_file *od = file->private_data;

	if (od->real && strata_dir_is_merged(file_inode(file))) {
		fput(od->real);
		od->real = NULL;
	}
	strata_listing_put(od->listing);
	od->listing = NULL;
}

static int strata_iterate(struct file *file, struct dir_context *ctx)
{
	struct strata_dir_file *od = file->private_data;

	if (!ctx->pos)
		strata_dir_rewind(file);
	if (od->real)
		return strata_iterate_stream(file, ctx);
	return strata_iterate_merged(file, ctx);
}

/*
 * Streamed: the real directory seeks. Merged: positions are indices into
 * the listing; 0 means "take the current one".
 */
static loff_t strata_dir_llseek(struct file *file, loff_t offset, int whence)
{
	struct strata_dir_file *od = file->private_data;
	loff_t res;

	if (od->real) {
		res = strata_do_llseek(od->real, offset, whence);
		if (res >= 0)
			file->f_pos = od->real->f_pos;
		return res;
	}
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
	file->f_pos = offset;
	return offset;
}

static int strata_dir_open(struct inode *inode, struct file *file)
{
	struct strata_dir_file *od;
	int err = 0;

	od = kzalloc(sizeof(*od), GFP_KERNEL);
	if (!od)
		return -ENOMEM;
	if (!strata_dir_is_merged(inode))
		err = strata_dir_open_real(inode, od);
	if (err) {
		kfree(od);
		return err;
	}
	file->private_data = od;
	return 0;
}

static int strata_dir_release(struct inode *inode, struct file *file)
{
	struct strata_dir_file *od = file->private_data;

	if (od->real)
		fput(od->real);
	strata_listing_put(od->listing);
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
		err = strata_do_fsync(real, start, end, datasync);
		fput(real);
	}
	strata_revert_creds(old);
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
