// SPDX-License-Identifier: GPL-2.0-only
/* backing_file_open() takes the stacked file's path (Linux 6.6 to 6.12). */
#include <linux/backing-file.h>

struct file *strata_probe(const struct path *user, const struct path *real);
struct file *strata_probe(const struct path *user, const struct path *real)
{
	return backing_file_open(user, O_RDONLY, real, current_cred());
}
