// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mount options: the parameter table, parsing of both mount APIs, lowerdir
 * escaping, and show_options.
 *
 * Each option arrives as its own fsconfig() call. mount(2) data goes through
 * strata_parse_monolithic(), which splits at unescaped commas so that "\,"
 * may appear inside a path, then feeds the same parser.
 *
 * lowerdir=A:B:C   the whole stack at once, top first; "\:", "\," and "\\"
 *                  stand for a literal colon, comma and backslash
 * lowerdir+=A      one more layer below those given so far, unescaped; one
 *                  fsconfig key per layer is how a 500-layer stack avoids the
 *                  4 KiB limit of mount(2) data
 *
 * lowerdir+, upperdir and workdir also take FSCONFIG_SET_PATH values
 * (relative to the cwd, as strings are), since fsconfig() refuses strings
 * of 256 bytes or more.
 *
 * overlayfs's other options are accepted where Strata does what they ask
 * (index, metacopy=off, nfs_export=off, redirect_dir=nofollow, xino=on
 * or auto, userxattr, default_permissions, uuid=off/null/auto) and refused,
 * naming the option, where it does not. Strata's own: aufs_whiteouts, for
 * lowers unpacked in the AUFS whiteout format (aufs.c).
 */
#include "strata.h"
#include <linux/fs_parser.h>
#include <linux/seq_file.h>
#include <linux/security.h>
#include <kunit/visibility.h>

enum strata_opt {
	Opt_lowerdir,
	Opt_lowerdir_add,
	Opt_upperdir,
	Opt_workdir,
	Opt_index,
	Opt_metacopy,
	Opt_nfs_export,
	Opt_redirect_dir,
	Opt_xino,
	Opt_userxattr,
	Opt_volatile,
	Opt_default_permissions,
	Opt_uuid,
	Opt_aufs_whiteouts,
};

static const struct constant_table strata_on_off[] = {
	{ "on", true },
	{ "off", false },
	{}
};

enum { Redirect_off, Redirect_follow, Redirect_nofollow, Redirect_on };

static const struct constant_table strata_redirect_modes[] = {
	{ "off", Redirect_off },
	{ "follow", Redirect_follow },
	{ "nofollow", Redirect_nofollow },
	{ "on", Redirect_on },
	{}
};

enum { Xino_off, Xino_auto, Xino_on };

static const struct constant_table strata_xino_modes[] = {
	{ "off", Xino_off },
	{ "auto", Xino_auto },
	{ "on", Xino_on },
	{}
};

/* uuid=on: the 6.12 overlay's persistent uuid for the union; not kept. */
enum { Uuid_on = -1 };

static const struct constant_table strata_uuid_modes[] = {
	{ "off", STRATA_UUID_OFF },
	{ "null", STRATA_UUID_NULL },
	{ "auto", STRATA_UUID_AUTO },
	{ "on", Uuid_on },
	{}
};

const struct fs_parameter_spec strata_param_spec[] = {
	fsparam_string("lowerdir", Opt_lowerdir),
	/* Strings, or filenames: fsconfig() caps strings at 256 bytes. */
	fsparam_path("lowerdir+", Opt_lowerdir_add),
	fsparam_path("upperdir", Opt_upperdir),
	fsparam_path("workdir", Opt_workdir),
	fsparam_enum("index", Opt_index, strata_on_off),
	fsparam_enum("metacopy", Opt_metacopy, strata_on_off),
	fsparam_enum("nfs_export", Opt_nfs_export, strata_on_off),
	fsparam_enum("redirect_dir", Opt_redirect_dir, strata_redirect_modes),
	fsparam_enum("xino", Opt_xino, strata_xino_modes),
	fsparam_flag("userxattr", Opt_userxattr),
	fsparam_flag("volatile", Opt_volatile),
	fsparam_flag("default_permissions", Opt_default_permissions),
	fsparam_enum("uuid", Opt_uuid, strata_uuid_modes),
	fsparam_flag("aufs_whiteouts", Opt_aufs_whiteouts),
	{}
};

/*
 * overlayfs options with one meaning Strata has: accepted with that value,
 * refused with the reason otherwise. Returns 0 or the refusal.
 */
static int strata_parse_feature(struct fs_context *fc, int opt,
				 const struct fs_parse_result *result)
{
	switch (opt) {
	case Opt_metacopy:
		if (result->uint_32)
			return invalfc(fc, "metacopy=on: strata copies data with metadata; only metacopy=off is supported");
		return 0;
	case Opt_nfs_export:
		if (result->uint_32)
			return invalfc(fc, "nfs_export=on: strata cannot be exported over NFS; only nfs_export=off is supported");
		return 0;
	case Opt_redirect_dir:
		if (result->uint_32 != Redirect_nofollow)
			return invalfc(fc, "redirect_dir: strata neither creates nor follows redirects; only redirect_dir=nofollow is supported");
		return 0;
	case Opt_xino:
		if (result->uint_32 == Xino_off)
			return invalfc(fc, "xino=off: strata always keeps inode numbers unique across layers (xino=on or auto)");
		return 0;
	case Opt_volatile:
		return invalfc(fc, "volatile: strata always syncs its copy-ups and has no volatile mode");
	}
	return -EINVAL;
}

/**
 * strata_split_lowerdir - split a lowerdir= value into layer paths, in place
 * @s:   the value; rewritten with the escapes removed and NULs between layers
 * @out: receives up to @max pointers into @s, top layer first (may be NULL)
 * @max: capacity of @out
 *
 * A backslash makes the next character literal. Returns the number of layers
 * found (which may exceed @max: the caller reports that), or -EINVAL for an
 * empty layer, as in "a::b" or a leading or trailing colon.
 */
VISIBLE_IF_KUNIT int strata_split_lowerdir(char *s, char **out,
					   unsigned int max)
{
	char *r = s, *w = s, *start = s;
	int n = 0;

	for (;;) {
		char c = *r++;

		if (c == '\\' && *r) {
			*w++ = *r++;
			continue;
		}
		if (c != ':' && c != '\0') {
			*w++ = c;
			continue;
		}
		if (w == start)
			return -EINVAL;
		/* w trails r, so this never overwrites unread input */
		*w++ = '\0';
		if (out && n < max)
			out[n] = start;
		n++;
		if (c == '\0')
			return n;
		start = w;
	}
}
EXPORT_SYMBOL_IF_KUNIT(strata_split_lowerdir);

/**
 * strata_escape_layer - escape one layer path for a lowerdir= value
 * @in:  the path
 * @out: at least 2 * strlen(@in) + 1 bytes
 *
 * The inverse of strata_split_lowerdir() for one layer. Returns the length
 * written, without the terminating NUL.
 */
VISIBLE_IF_KUNIT size_t strata_escape_layer(const char *in, char *out)
{
	char *w = out;

	for (; *in; in++) {
		if (*in == ':' || *in == ',' || *in == '\\')
			*w++ = '\\';
		*w++ = *in;
	}
	*w = '\0';
	return w - out;
}
EXPORT_SYMBOL_IF_KUNIT(strata_escape_layer);

/**
 * strata_next_option - take the next option from mount(2) data
 * @s: cursor into the data; advanced past the option, NULL at the end
 *
 * Options are separated by commas; a backslash protects the next character
 * and stays in place for the option's own parser. Returns the option,
 * NUL-terminated in place, or NULL when the data is used up.
 */
VISIBLE_IF_KUNIT char *strata_next_option(char **s)
{
	char *start = *s, *p;

	if (!start)
		return NULL;
	for (p = start; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == ',') {
			*p = '\0';
			*s = p + 1;
			return start;
		}
	}
	*s = NULL;
	return start;
}
EXPORT_SYMBOL_IF_KUNIT(strata_next_option);

int strata_parse_monolithic(struct fs_context *fc, void *data)
{
	char *opts = data, *opt;
	int err;

	if (!opts)
		return 0;
	err = strata_userns_check_fc(fc);
	if (err)
		return err;
	/*
	 * mount(2) copies one page of options and cuts the rest without a
	 * word; a full page most likely lost layers off its end.
	 */
	if (strnlen(opts, PAGE_SIZE) >= PAGE_SIZE - 1)
		return invalfc(fc, "mount options fill mount(2)'s %lu-byte page and were probably cut short: pass layers one by one with lowerdir+ (mount.strata does)",
			       PAGE_SIZE);
	err = security_sb_eat_lsm_opts(opts, &fc->security);
	if (err)
		return err;

	while ((opt = strata_next_option(&opts))) {
		char *value = strchr(opt, '=');
		size_t len = 0;

		if (!*opt)
			continue;
		if (value) {
			*value++ = '\0';
			len = strlen(value);
		}
		err = vfs_parse_fs_string(fc, opt, value, len);
		if (err)
			return err;
	}
	return 0;
}

static void strata_free_lower(struct strata_fs_context *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->num_lower; i++)
		kfree(ctx->lower[i]);
	kfree(ctx->lower);
	ctx->lower = NULL;
	ctx->num_lower = 0;
}

void strata_fs_context_free_opts(struct strata_fs_context *ctx)
{
	strata_free_lower(ctx);
	kfree(ctx->upper);
	kfree(ctx->work);
}

/* Appends one unescaped layer path; takes ownership of @path. */
static int strata_add_layer(struct fs_context *fc, char *path)
{
	struct strata_fs_context *ctx = fc->fs_private;
	char **grown;

	if (ctx->num_lower >= STRATA_MAX_LAYERS) {
		kfree(path);
		return invalfc(fc, "too many lower layers: at most %d are supported",
			       STRATA_MAX_LAYERS);
	}
	grown = krealloc_array(ctx->lower, ctx->num_lower + 1, sizeof(*grown),
			       GFP_KERNEL);
	if (!grown) {
		kfree(path);
		return -ENOMEM;
	}
	grown[ctx->num_lower++] = path;
	ctx->lower = grown;
	return 0;
}

/* lowerdir=: replaces the whole stack with the layers in @value. */
static int strata_set_lowerdir(struct fs_context *fc, char *value)
{
	struct strata_fs_context *ctx = fc->fs_private;
	unsigned int bound = 1;
	char **layers, *p;
	int n, i, err = 0;

	if (ctx->lower_added)
		return invalfc(fc, "lowerdir= cannot follow lowerdir+=");

	/* Each layer ends at a colon or at the end: an upper bound. */
	for (p = value; *p; p++)
		bound += *p == ':';
	layers = kcalloc(bound, sizeof(*layers), GFP_KERNEL);
	if (!layers)
		return -ENOMEM;

	n = strata_split_lowerdir(value, layers, bound);
	if (n < 0) {
		kfree(layers);
		return invalfc(fc, "lowerdir: empty layer path (look for \"::\" or a stray colon)");
	}
	if (n > STRATA_MAX_LAYERS) {
		kfree(layers);
		return invalfc(fc, "lowerdir: %d layers given, at most %d are supported",
			       n, STRATA_MAX_LAYERS);
	}

	strata_free_lower(ctx);
	for (i = 0; i < n && !err; i++) {
		char *layer = kstrdup(layers[i], GFP_KERNEL);

		err = layer ? strata_add_layer(fc, layer) : -ENOMEM;
	}
	kfree(layers);
	ctx->lower_set = true;
	return err;
}

/* Removes backslash escapes in place: "\\x" becomes "x". */
static void strata_unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1])
			s++;
		*w++ = *s;
	}
	*w = '\0';
}

/*
 * The value of a path option, taken over from @param: a string, or a
 * filename from FSCONFIG_SET_PATH. Either resolves against the cwd when
 * the union is made, so a filename relative to another directory fd is
 * refused. Returns the kmalloc'ed path or an ERR_PTR.
 */
static char *strata_take_path(struct fs_context *fc,
			      struct fs_parameter *param)
{
	char *path;

	switch (param->type) {
	case fs_value_is_string:
		path = param->string;
		param->string = NULL;
		break;
	case fs_value_is_filename:
		if (param->dirfd != AT_FDCWD)
			return ERR_PTR(invalfc(fc, "%s: a path relative to a directory fd is not supported",
					       param->key));
		path = kstrdup(param->name->name, GFP_KERNEL);
		if (!path)
			return ERR_PTR(-ENOMEM);
		break;
	default:
		return ERR_PTR(invalfc(fc, "%s: needs a path", param->key));
	}
	if (!*path) {
		kfree(path);
		return ERR_PTR(invalfc(fc, "%s: empty path", param->key));
	}
	return path;
}

/* upperdir= and workdir=: one path each, escapes removed. */
static int strata_set_dir(struct fs_context *fc, char **slot,
			  struct fs_parameter *param)
{
	char *path = strata_take_path(fc, param);

	if (IS_ERR(path))
		return PTR_ERR(path);
	strata_unescape(path);
	kfree(*slot);
	*slot = path;
	return 0;
}

int strata_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct strata_fs_context *ctx = fc->fs_private;
	struct fs_parse_result result;
	int opt;

	opt = strata_userns_check_fc(fc);
	if (opt)
		return opt;
	opt = fs_parse(fc, strata_param_spec, param, &result);
	if (opt < 0)
		return opt;
	ctx->options_given = true;

	switch (opt) {
	case Opt_lowerdir:
		return strata_set_lowerdir(fc, param->string);
	case Opt_lowerdir_add: {
		char *path;

		if (ctx->lower_set)
			return invalfc(fc, "lowerdir+= cannot follow lowerdir=");
		path = strata_take_path(fc, param);
		if (IS_ERR(path))
			return PTR_ERR(path);
		ctx->lower_added = true;
		return strata_add_layer(fc, path);
	}
	case Opt_upperdir:
		return strata_set_dir(fc, &ctx->upper, param);
	case Opt_workdir:
		return strata_set_dir(fc, &ctx->work, param);
	case Opt_userxattr:
		ctx->config.userxattr = true;
		return 0;
	case Opt_default_permissions:
		ctx->config.default_permissions = true;
		return 0;
	case Opt_aufs_whiteouts:
		ctx->config.aufs_whiteouts = true;
		return 0;
	case Opt_index:
		ctx->config.index = result.uint_32;
		ctx->index_given = true;
		return 0;
	case Opt_uuid:
		if (result.int_32 == Uuid_on)
			return invalfc(fc, "uuid=on: strata keeps no persistent uuid for a union; use uuid=auto (the default), off or null");
		ctx->config.uuid = result.uint_32;
		return 0;
	}
	return strata_parse_feature(fc, opt, &result);
}

/*
 * Shows each layer escaped as lowerdir= expects it, then octal-escapes
 * whitespace, commas and backslashes as mount tables do: the options field
 * holds no raw separator, and a reader that undoes the octal escapes gets
 * back a value Strata parses to the same stack.
 */
static int strata_show_path(struct seq_file *m, const char *path)
{
	char *buf = kmalloc(2 * strlen(path) + 1, GFP_KERNEL);

	/* A read of the mount table fails rather than show a wrong path. */
	if (!buf)
		return -ENOMEM;
	strata_escape_layer(path, buf);
	seq_escape(m, buf, ", \t\n\\");
	kfree(buf);
	return 0;
}

int strata_show_options(struct seq_file *m, struct dentry *root)
{
	struct strata_fs *ofs = STRATA_FS(root->d_sb);
	unsigned int i;
	int err = 0;

	seq_puts(m, ",lowerdir=");
	for (i = 0; i < ofs->num_lower && !err; i++) {
		if (i)
			seq_putc(m, ':');
		err = strata_show_path(m, ofs->lower_names[i]);
	}
	if (ofs->upper_name && !err) {
		seq_puts(m, ",upperdir=");
		err = strata_show_path(m, ofs->upper_name);
		seq_puts(m, ",workdir=");
		err = err ?: strata_show_path(m, ofs->work_name);
	}
	if (ofs->config.default_permissions)
		seq_puts(m, ",default_permissions");
	if (ofs->config.uuid == STRATA_UUID_OFF)
		seq_puts(m, ",uuid=off");
	else if (ofs->config.uuid == STRATA_UUID_NULL)
		seq_puts(m, ",uuid=null");
	if (ofs->config.userxattr)
		seq_puts(m, ",userxattr");
	if (ofs->config.aufs_whiteouts)
		seq_puts(m, ",aufs_whiteouts");
	if (ofs->config.index)
		seq_puts(m, ",index=on");
	else if (strata_index_default())
		seq_puts(m, ",index=off");
	return err;
}
