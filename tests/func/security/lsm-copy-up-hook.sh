#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: copy-up asks the LSMs for the copy's creation credentials (security_inode_copy_up), as overlayfs does, once per copied object
. "$STRATA_TESTS/lib/func.sh"

# No LSM in the test kernels answers with credentials of its own, so the
# kernel's function tracer shows the hook is called, where the kernel has one.
tr=/sys/kernel/tracing
[ -e $tr/set_ftrace_filter ] || mount -t tracefs tracefs $tr 2>/dev/null
[ -e $tr/set_ftrace_filter ] || skip "this kernel has no function tracer (CONFIG_FUNCTION_TRACER)"
echo security_inode_copy_up >$tr/set_ftrace_filter 2>/dev/null ||
	skip "security_inode_copy_up cannot be traced on this kernel"
trap 'echo 0 >$tr/tracing_on; echo nop >$tr/current_tracer; echo >$tr/set_ftrace_filter' EXIT

mklayers 1
mkdir l1/dir
echo data >l1/dir/file
echo other >l1/other
rwunion m l1
echo function >$tr/current_tracer
echo >$tr/trace
echo 1 >$tr/tracing_on
echo more >>m/dir/file	# copies up dir, then dir/file
echo 0 >$tr/tracing_on
check_eq "hook calls for a file and its directory" \
	"$(grep -c 'security_inode_copy_up' $tr/trace)" 2
echo >$tr/trace
echo 1 >$tr/tracing_on
echo again >>m/dir/file	# already copied up: no hook
echo 0 >$tr/tracing_on
check_eq "hook calls without a copy-up" "$(grep -c 'security_inode_copy_up' $tr/trace)" 0
check_eq "content" "$(cat m/dir/file)" "data
more
again"
