// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite strata_origin: how origin values read (strata_fb_check()).
 * The bytes are laid out by hand, as overlayfs writes them: a 21-byte
 * header (version, magic 0xfb, length, flags, fid type, uuid), then the fid.
 */
#include <kunit/test.h>
#include "../strata.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define FB_HEADER	21
#define FB_FID		8	/* an ext4-style fid: inode and generation */

/* A well-formed value for this machine, written into @v (29 bytes). */
static void fb_fill(u8 *v)
{
	memset(v, 0, FB_HEADER + FB_FID);
	v[0] = 0;			/* version */
	v[1] = 0xfb;			/* magic */
	v[2] = FB_HEADER + FB_FID;	/* length */
#ifdef __BIG_ENDIAN
	v[3] = 1 << 0;
#endif
	v[4] = 1;			/* FILEID_INO32_GEN */
	memset(v + 5, 0xab, 16);	/* uuid */
	v[21] = 12;			/* inode 12 */
}

static void strata_fb_well_formed_test(struct kunit *test)
{
	u8 v[FB_HEADER + FB_FID + 4];

	fb_fill(v);
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, FB_HEADER + FB_FID), STRATA_FB_OK);
	/* Bytes after the handle's own length are tolerated. */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_OK);
	/* Either byte order, when the writer says any will do. */
	v[3] |= 1 << 1;
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, FB_HEADER + FB_FID), STRATA_FB_OK);
}

static void strata_fb_malformed_test(struct kunit *test)
{
	u8 v[FB_HEADER + FB_FID];

	fb_fill(v);
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, FB_HEADER - 1), STRATA_FB_BAD);
	/* Shorter than its own length says. */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, FB_HEADER + FB_FID - 1), STRATA_FB_BAD);
	v[2] = FB_HEADER - 1;		/* a length shorter than the header */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_BAD);
	fb_fill(v);
	v[1] = 0xfa;
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_BAD);
}

static void strata_fb_unknown_test(struct kunit *test)
{
	u8 v[FB_HEADER + FB_FID];

	fb_fill(v);
	v[0] = 1;			/* a newer format */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_UNKNOWN);
	fb_fill(v);
	v[3] ^= 1 << 0;			/* the other byte order */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_UNKNOWN);
	fb_fill(v);
	v[3] |= 1 << 2;			/* an upper object's handle */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_UNKNOWN);
	fb_fill(v);
	v[3] |= 1 << 5;			/* a flag nobody defined */
	KUNIT_EXPECT_EQ(test, strata_fb_check(v, sizeof(v)), STRATA_FB_UNKNOWN);
}

static struct kunit_case strata_origin_cases[] = {
	KUNIT_CASE(strata_fb_well_formed_test),
	KUNIT_CASE(strata_fb_malformed_test),
	KUNIT_CASE(strata_fb_unknown_test),
	{}
};

static struct kunit_suite strata_origin_suite = {
	.name = "strata_origin",
	.test_cases = strata_origin_cases,
};

kunit_test_suite(strata_origin_suite);
