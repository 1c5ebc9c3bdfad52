// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite strata_readdir: the name set that merges layer listings.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include "../strata.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* Each case gets a fresh set in test->priv; exit frees it even after a
 * failed assertion, so that kmemleak stays quiet.
 */
static int strata_names_case_init(struct kunit *test)
{
	struct strata_names *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);

	if (!n)
		return -ENOMEM;
	test->priv = n;
	return strata_names_init(n);
}

static void strata_names_case_exit(struct kunit *test)
{
	strata_names_free(test->priv);
}

static void strata_names_first_owner_test(struct kunit *test)
{
	struct strata_names *n = test->priv;
	struct strata_name *p;

	p = strata_names_add(n, "etc", 3, 10, DT_DIR);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	/* A lower layer's entry of the same name is dropped... */
	KUNIT_EXPECT_NULL(test, strata_names_add(n, "etc", 3, 99, DT_REG));
	/* ...and the top layer's type and inode number stay. */
	p = strata_names_find(n, "etc", 3);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p->ino, 10ULL);
	KUNIT_EXPECT_EQ(test, p->type, (unsigned int)DT_DIR);
	KUNIT_EXPECT_EQ(test, n->count, 1U);
}

static void strata_names_prefix_test(struct kunit *test)
{
	struct strata_names *n = test->priv;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, strata_names_add(n, "ab", 2, 1, DT_REG));
	/* Names are compared whole, not as prefixes. */
	KUNIT_EXPECT_NULL(test, strata_names_find(n, "a", 1));
	KUNIT_EXPECT_NULL(test, strata_names_find(n, "abc", 3));
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, strata_names_add(n, "a", 1, 2, DT_REG));
}

static void strata_names_order_and_growth_test(struct kunit *test)
{
	struct strata_names *n = test->priv;
	unsigned int start_bits = n->bits, i = 0;
	struct strata_name *p;
	char name[16];

	for (i = 0; i < 5000; i++) {
		int len = snprintf(name, sizeof(name), "f%u", i);

		KUNIT_ASSERT_NOT_ERR_OR_NULL(test,
			strata_names_add(n, name, len, i, DT_REG));
	}
	KUNIT_EXPECT_GT(test, n->bits, start_bits);
	KUNIT_EXPECT_EQ(test, n->count, 5000U);

	/* Every name is still found after rehashing, in insertion order. */
	i = 0;
	list_for_each_entry(p, &n->list, list) {
		int len = snprintf(name, sizeof(name), "f%u", i);

		KUNIT_EXPECT_STREQ(test, p->name, name);
		KUNIT_EXPECT_PTR_EQ(test, strata_names_find(n, name, len), p);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, 5000U);
}

/* The longest hash chain of @n. */
static unsigned int strata_names_max_chain(struct strata_names *n)
{
	unsigned int i, max = 0;

	for (i = 0; i < (1U << n->bits); i++) {
		struct strata_name *p;
		unsigned int len = 0;

		hlist_for_each_entry(p, &n->buckets[i], hash)
			len++;
		max = max(max, len);
	}
	return max;
}

#define STRATA_CRAFTED_NAMES	256
#define STRATA_CRAFTED_BITS	10	/* > the table's bits at 256 names */

/*
 * Names crafted to collide under one seed (the top bits of their hash all
 * zero, found by trying) fill one chain of a set with that seed, and spread
 * over a set with a seed of its own: nobody who cannot see the seed can make
 * a listing quadratic.
 */
static void strata_names_crafted_collisions_test(struct kunit *test)
{
	struct strata_names *fresh = test->priv, *known;
	unsigned int found = 0, i;
	char name[24];

	known = kunit_kzalloc(test, sizeof(*known), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, known);
	KUNIT_ASSERT_EQ(test, strata_names_init(known), 0);
	for (i = 0; found < STRATA_CRAFTED_NAMES; i++) {
		int len = snprintf(name, sizeof(name), "c%u", i);

		if (strata_name_hash(known, name, len, STRATA_CRAFTED_BITS))
			continue;
		found++;
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test,
			strata_names_add(known, name, len, i, DT_REG));
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test,
			strata_names_add(fresh, name, len, i, DT_REG));
	}
	KUNIT_EXPECT_LE(test, known->bits, (unsigned int)STRATA_CRAFTED_BITS);
	KUNIT_EXPECT_EQ(test, strata_names_max_chain(known),
			(unsigned int)STRATA_CRAFTED_NAMES);
	KUNIT_EXPECT_NE(test, fresh->seed, known->seed);
	KUNIT_EXPECT_LE(test, strata_names_max_chain(fresh), 16U);
	strata_names_free(known);
}

static struct kunit_case strata_readdir_cases[] = {
	KUNIT_CASE(strata_names_first_owner_test),
	KUNIT_CASE(strata_names_prefix_test),
	KUNIT_CASE(strata_names_order_and_growth_test),
	KUNIT_CASE(strata_names_crafted_collisions_test),
	{}
};

static struct kunit_suite strata_readdir_suite = {
	.name = "strata_readdir",
	.init = strata_names_case_init,
	.exit = strata_names_case_exit,
	.test_cases = strata_readdir_cases,
};

kunit_test_suite(strata_readdir_suite);
