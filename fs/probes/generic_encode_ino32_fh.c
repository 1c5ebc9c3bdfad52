// SPDX-License-Identifier: GPL-2.0-only
/*
 * generic_encode_ino32_fh() (Linux 6.7): filesystems using the default
 * 32-bit inode+generation handles name it as their encode_fh; before, they
 * left encode_fh NULL.
 */
#include <linux/exportfs.h>

bool strata_probe(const struct export_operations *op);
bool strata_probe(const struct export_operations *op)
{
	return op->encode_fh == generic_encode_ino32_fh;
}
