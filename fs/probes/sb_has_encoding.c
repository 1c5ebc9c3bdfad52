// SPDX-License-Identifier: GPL-2.0-only
/* sb_has_encoding(): whether a filesystem folds case in names (Linux 6.4). */
#include <linux/fs.h>

bool strata_probe(const struct super_block *sb);
bool strata_probe(const struct super_block *sb)
{
	return sb_has_encoding(sb);
}
