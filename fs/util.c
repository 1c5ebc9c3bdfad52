// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small helpers: the mounter's credentials and write access to the upper.
 */
#include "strata.h"

/*
 * Makes @cred the current task's subjective credentials and returns the
 * ones it replaces; strata_revert_creds() puts them back. Unlike
 * override_creds(), it takes no reference: every operation on a real layer
 * would otherwise bump the one refcount of the mounter's cred, a cache line
 * all CPUs would fight over. The caller keeps @cred alive until it reverts,
 * and nothing in between may drop a reference to the current cred (a
 * nested override_creds() is paired with its own revert_creds()). Only
 * this task reads its ->cred.
 *
 * A kernel with CONFIG_DEBUG_CREDENTIALS (up to 6.7) checks that the
 * current cred counts this task among its subscribers, which only
 * override_creds() maintains (a refcount-free swap trips a BUG() in the
 * next prepare_creds()): there the refcounted pair is used.
 */
const struct cred *strata_install_creds(const struct cred *cred)
{
	const struct cred *old;

	if (IS_ENABLED(CONFIG_DEBUG_CREDENTIALS))
		return override_creds(cred);
	old = rcu_dereference_protected(current->cred, 1);
	rcu_assign_pointer(current->cred, cred);
	return old;
}

/*
 * Work on real layers runs as the mounter, whose credentials the mount
 * holds for its whole life. Pair with strata_revert_creds() in the same
 * function.
 */
const struct cred *strata_override_creds(struct super_block *sb)
{
	return strata_install_creds(STRATA_FS(sb)->creator_cred);
}

/* Undoes strata_install_creds() or strata_override_creds(). */
void strata_revert_creds(const struct cred *old)
{
	if (IS_ENABLED(CONFIG_DEBUG_CREDENTIALS))
		revert_creds(old);
	else
		rcu_assign_pointer(current->cred, old);
}

/*
 * Every change to the upper holds write access to its mount and freeze
 * protection of its filesystem; a change that copies up first takes them
 * in two steps (strata_get_write_access(), the copy-up, then
 * strata_start_write(); see strata_mnt_get_write() for why). Either way
 * strata_drop_write() ends it, in the same function.
 */
int strata_get_write_access(struct super_block *sb)
{
	struct strata_fs *ofs = STRATA_FS(sb);

	if (WARN_ON_ONCE(!ofs->upper.mnt || !ofs->work))
		return -EROFS;
	return strata_do_get_write_access(ofs->upper.mnt);
}

void strata_put_write_access(struct super_block *sb)
{
	strata_do_put_write_access(STRATA_FS(sb)->upper.mnt);
}

void strata_start_write(struct super_block *sb)
{
	strata_sb_start_write(STRATA_FS(sb)->upper.mnt->mnt_sb);
}

void strata_end_write(struct super_block *sb)
{
	strata_sb_end_write(STRATA_FS(sb)->upper.mnt->mnt_sb);
}

int strata_want_write(struct super_block *sb)
{
	int err = strata_get_write_access(sb);

	if (!err)
		strata_start_write(sb);
	return err;
}

void strata_drop_write(struct super_block *sb)
{
	strata_end_write(sb);
	strata_put_write_access(sb);
}
