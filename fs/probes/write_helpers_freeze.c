// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfs_iter_write(), do_splice_direct() and vfs_clone_file_range() take the
 * target's freeze protection themselves (Linux 6.8). Their change came in
 * the series that added file_write_not_started(), which is what can be
 * compiled; the behaviour itself cannot.
 */
#include <linux/fs.h>

bool strata_probe(const struct file *file);
bool strata_probe(const struct file *file)
{
	return file_write_not_started(file);
}
