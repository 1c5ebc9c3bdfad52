// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite strata_params: lowerdir splitting and escaping, and the comma
 * splitting of mount(2) data.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../strata.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct split_case {
	const char *desc;
	const char *in;
	int want;			/* layers, or -EINVAL */
	const char *layers[4];
};

static const struct split_case split_cases[] = {
	{ "one layer", "/a", 1, { "/a" } },
	{ "three layers, top first", "/a:/b:/c", 3, { "/a", "/b", "/c" } },
	{ "escaped colon stays in the path", "/a\\:b:/c", 2, { "/a:b", "/c" } },
	{ "escaped comma", "/a\\,b", 1, { "/a,b" } },
	{ "escaped backslash", "/a\\\\:/b", 2, { "/a\\", "/b" } },
	{ "escape of a plain char drops the backslash", "/\\a", 1, { "/a" } },
	{ "trailing lone backslash is literal", "/a\\", 1, { "/a\\" } },
	{ "empty value", "", -EINVAL },
	{ "empty middle layer", "/a::/b", -EINVAL },
	{ "leading colon", ":/a", -EINVAL },
	{ "trailing colon", "/a:", -EINVAL },
};

static char *test_strdup(struct kunit *test, const char *s)
{
	char *p = kunit_kzalloc(test, strlen(s) + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return strcpy(p, s);
}

static void split_case_desc(const struct split_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(split, split_cases, split_case_desc);

static void strata_split_test(struct kunit *test)
{
	const struct split_case *c = test->param_value;
	char *buf = test_strdup(test, c->in);
	char *out[4] = {};
	int n, i;

	n = strata_split_lowerdir(buf, out, ARRAY_SIZE(out));
	KUNIT_ASSERT_EQ(test, n, c->want);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_STREQ(test, out[i], c->layers[i]);
}

static void strata_split_counts_beyond_max_test(struct kunit *test)
{
	char *buf = test_strdup(test, "/a:/b:/c");
	char *out[1] = {};

	/* The count is exact even when @out is too small for it. */
	KUNIT_EXPECT_EQ(test, strata_split_lowerdir(buf, out, 1), 3);
	KUNIT_EXPECT_STREQ(test, out[0], "/a");
}

static const char *const escape_paths[] = {
	"/plain", "/with:colon", "/with,comma", "/back\\slash",
	"/all:,\\three", "/sp ace", "::",
};

static void strata_escape_roundtrip_test(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(escape_paths); i++) {
		const char *path = escape_paths[i];
		char *buf = kunit_kzalloc(test, 2 * strlen(path) + 1, GFP_KERNEL);
		char *out[2] = {};

		KUNIT_ASSERT_NOT_NULL(test, buf);
		strata_escape_layer(path, buf);
		KUNIT_ASSERT_EQ_MSG(test, strata_split_lowerdir(buf, out, 2), 1,
				    "path %s", path);
		KUNIT_EXPECT_STREQ(test, out[0], path);
	}
}

static void strata_escape_output_test(struct kunit *test)
{
	char buf[32];

	KUNIT_EXPECT_EQ(test, strata_escape_layer("a:b,c\\d", buf), (size_t)10);
	KUNIT_EXPECT_STREQ(test, buf, "a\\:b\\,c\\\\d");
}

static void strata_next_option_test(struct kunit *test)
{
	char *data = test_strdup(test, "lowerdir=/a\\,b:/c,ro,,upperdir=/u");
	char *opt;

	opt = strata_next_option(&data);
	KUNIT_EXPECT_STREQ(test, opt, "lowerdir=/a\\,b:/c");
	opt = strata_next_option(&data);
	KUNIT_EXPECT_STREQ(test, opt, "ro");
	opt = strata_next_option(&data);
	KUNIT_EXPECT_STREQ(test, opt, "");
	opt = strata_next_option(&data);
	KUNIT_EXPECT_STREQ(test, opt, "upperdir=/u");
	KUNIT_EXPECT_NULL(test, strata_next_option(&data));
	KUNIT_EXPECT_NULL(test, strata_next_option(&data));
}

static struct kunit_case strata_params_cases[] = {
	KUNIT_CASE_PARAM(strata_split_test, split_gen_params),
	KUNIT_CASE(strata_split_counts_beyond_max_test),
	KUNIT_CASE(strata_escape_roundtrip_test),
	KUNIT_CASE(strata_escape_output_test),
	KUNIT_CASE(strata_next_option_test),
	{}
};

static struct kunit_suite strata_params_suite = {
	.name = "strata_params",
	.test_cases = strata_params_cases,
};

kunit_test_suite(strata_params_suite);

MODULE_DESCRIPTION("KUnit suites for Strata");
MODULE_LICENSE("GPL");
