// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite strata_hardlinks: how an index entry's link count record
 * reads (strata_nlink_parse()), as overlayfs writes it: 'U' or 'L', the
 * real count it is relative to, then a signed difference.
 */
#include <kunit/test.h>
#include "../strata.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static int parse(const char *s, char *base, int *diff)
{
	return strata_nlink_parse(s, strlen(s), base, diff);
}

static void strata_nlink_records_test(struct kunit *test)
{
	char base = 0;
	int diff = 0;

	KUNIT_EXPECT_EQ(test, parse("U+0", &base, &diff), 0);
	KUNIT_EXPECT_EQ(test, base, 'U');
	KUNIT_EXPECT_EQ(test, diff, 0);
	KUNIT_EXPECT_EQ(test, parse("L-2", &base, &diff), 0);
	KUNIT_EXPECT_EQ(test, base, 'L');
	KUNIT_EXPECT_EQ(test, diff, -2);
	KUNIT_EXPECT_EQ(test, parse("U+2147483647", &base, &diff), 0);
	KUNIT_EXPECT_EQ(test, diff, 2147483647);
	/* Not terminated: only the given length is read. */
	KUNIT_EXPECT_EQ(test, strata_nlink_parse("U+12junk", 4, &base, &diff), 0);
	KUNIT_EXPECT_EQ(test, diff, 12);
}

static void strata_nlink_malformed_test(struct kunit *test)
{
	static const char *const bad[] = {
		"", "U", "U+", "X+1", "U1", "u+1", "U+1x", "U++1",
		"U+99999999999", "U+1234567890123",
	};
	char base;
	int diff;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_NE_MSG(test, parse(bad[i], &base, &diff), 0,
				    "accepted \"%s\"", bad[i]);
}

static struct kunit_case strata_hardlinks_cases[] = {
	KUNIT_CASE(strata_nlink_records_test),
	KUNIT_CASE(strata_nlink_malformed_test),
	{}
};

static struct kunit_suite strata_hardlinks_suite = {
	.name = "strata_hardlinks",
	.test_cases = strata_hardlinks_cases,
};

kunit_test_suite(strata_hardlinks_suite);
