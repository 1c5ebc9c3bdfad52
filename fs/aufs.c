// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lower layers in the AUFS whiteout format (mount option aufs_whiteouts).
 *
 * Image layers travel as tarballs in which a deleted name NAME is a file
 * ".wh.NAME" and a directory that hides what is below it holds
 * ".wh..wh..opq" (the OCI image layout's whiteouts). Unpacked for the
 * kernel's overlay, they become 0/0 character devices and opaque xattrs;
 * containers/storage unpacks them as they are when a mount program serves
 * the union (fuse-overlayfs reads them), and mount.strata asks for this
 * mode then. In it, a lower layer's ".wh.NAME" hides NAME in the layers
 * below, ".wh..wh..opq" makes its directory opaque, and no ".wh." name of
 * a lower layer is shown. The upper keeps overlayfs's format: whiteouts
 * Strata makes are character devices there, as always.
 */
#include "strata.h"

/* aufs's own metadata (".wh..wh.plnk", ".wh..wh.opq"...) starts so. */
#define STRATA_AUFS_META_PREFIX	".wh..wh."
#define STRATA_AUFS_OPAQUE	".wh..wh..opq"

/* Whether the mount reads @layer in the AUFS format: its lowers, if asked. */
static bool strata_aufs_layer(const struct strata_fs *ofs,
			      const struct strata_layer *layer)
{
	return ofs->config.aufs_whiteouts && layer != &ofs->upper;
}

/**
 * strata_aufs_name - what a name of @layer is in the AUFS format
 * @ofs:   the mount
 * @layer: the layer the name is listed or looked up in
 * @name:  the name, not NUL-terminated
 * @len:   its length
 *
 * Returns STRATA_AUFS_PLAIN for an ordinary name (every name where the
 * format is not read), STRATA_AUFS_WHITEOUT for ".wh.NAME", which hides
 * NAME (at @name + STRATA_AUFS_PREFIX_LEN), and STRATA_AUFS_META for aufs's
 * own entries and the opaque marker, which hide nothing by their name.
 * Neither of the last two is ever shown.
 */
enum strata_aufs_kind strata_aufs_name(const struct strata_fs *ofs,
				       const struct strata_layer *layer,
				       const char *name, unsigned int len)
{
	if (!strata_aufs_layer(ofs, layer) || len < STRATA_AUFS_PREFIX_LEN ||
	    memcmp(name, STRATA_AUFS_PREFIX, STRATA_AUFS_PREFIX_LEN))
		return STRATA_AUFS_PLAIN;
	if (len == STRATA_AUFS_PREFIX_LEN ||
	    (len >= sizeof(STRATA_AUFS_META_PREFIX) - 1 &&
	     !memcmp(name, STRATA_AUFS_META_PREFIX,
		     sizeof(STRATA_AUFS_META_PREFIX) - 1)))
		return STRATA_AUFS_META;
	return STRATA_AUFS_WHITEOUT;
}

/* Whether @dir holds the entry @name (any type); 1, 0 or an error. */
static int strata_aufs_has(const struct strata_path *dir, const char *name,
			   unsigned int len)
{
	struct dentry *d = strata_do_lookup(strata_layer_idmap(dir->layer),
					    name, len, dir->dentry);
	int ret;

	if (IS_ERR(d))
		return PTR_ERR(d) == -ENOENT ? 0 : PTR_ERR(d);
	ret = d_is_positive(d);
	dput(d);
	return ret;
}

/**
 * strata_aufs_whiteout - whether a lower directory hides a name below it
 * @ofs:  the mount
 * @dir:  a real directory of a lower layer
 * @name: the name
 *
 * Returns 1 where @dir holds ".wh.NAME", 0 where it does not or the mount
 * does not read the format, or a negative error. As the mounter.
 */
int strata_aufs_whiteout(struct strata_fs *ofs, const struct strata_path *dir,
			 const struct qstr *name)
{
	char *wh;
	int ret;

	if (!strata_aufs_layer(ofs, dir->layer))
		return 0;
	if (name->len + STRATA_AUFS_PREFIX_LEN > NAME_MAX)
		return 0;	/* no such name can exist */
	wh = kasprintf(GFP_KERNEL, STRATA_AUFS_PREFIX "%.*s", name->len,
		       name->name);
	if (!wh)
		return -ENOMEM;
	ret = strata_aufs_has(dir, wh, STRATA_AUFS_PREFIX_LEN + name->len);
	kfree(wh);
	return ret;
}

/* Whether a lower directory is opaque by its ".wh..wh..opq"; see above. */
int strata_aufs_opaque(struct strata_fs *ofs, const struct strata_path *dir)
{
	if (!strata_aufs_layer(ofs, dir->layer))
		return 0;
	return strata_aufs_has(dir, STRATA_AUFS_OPAQUE,
			       sizeof(STRATA_AUFS_OPAQUE) - 1);
}
