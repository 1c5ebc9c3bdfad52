// SPDX-License-Identifier: GPL-2.0-only
/*
 * What tools probe before they mount: /sys/fs/strata, where the mount
 * helper learns what the loaded module is and can do, and the module
 * parameters under /sys/module/strata/parameters, which carry overlayfs's
 * names (redirect_dir, index, ...) so that container engines and overlay
 * test suites that read them learn what Strata does.
 */
#include "strata.h"
#include <linux/kobject.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

/*
 * overlayfs's feature defaults, fixed in Strata: each reads as what Strata
 * does on every mount. Setting one to its own value (insmod strata.ko
 * metacopy=N) is allowed; any other value fails the load, naming it, rather
 * than have the file claim a feature Strata does not have.
 */
static bool strata_redirect_dir;
static bool strata_redirect_always_follow;
static bool strata_nfs_export;
static bool strata_xino_auto = true;	/* layers on several fs get xino bits */
static bool strata_metacopy;

static int strata_fixed_param_set(const char *val, const struct kernel_param *kp)
{
	bool fixed = *(bool *)kp->arg, want;
	int err;

	/* A bare "index" means "index=Y", as for any bool parameter. */
	if (!val)
		val = "Y";
	err = kstrtobool(val, &want);
	if (err)
		return err;
	if (want != fixed) {
		pr_err("parameter %s=%s: fixed at %c\n", kp->name, val,
		       fixed ? 'Y' : 'N');
		return -EINVAL;
	}
	return 0;
}

static const struct kernel_param_ops strata_fixed_param_ops = {
	.set = strata_fixed_param_set,
	.get = param_get_bool,
};

#define strata_fixed_param(name, var, desc)				\
	module_param_cb(name, &strata_fixed_param_ops, &var, 0444);	\
	MODULE_PARM_DESC(name, desc)

strata_fixed_param(redirect_dir, strata_redirect_dir,
		   "N: renaming a directory with lower parts fails with EXDEV (mv copies it)");
strata_fixed_param(redirect_always_follow, strata_redirect_always_follow,
		   "N: redirects written by overlayfs are refused, not followed");
strata_fixed_param(nfs_export, strata_nfs_export,
		   "N: a union cannot be exported over NFS");
strata_fixed_param(xino_auto, strata_xino_auto,
		   "Y: inode numbers carry a layer's fs in their top bits when layers span filesystems");
strata_fixed_param(metacopy, strata_metacopy,
		   "N: copy-up copies data with metadata");

/*
 * index is a real choice, as in overlayfs: the default for mounts that do
 * not say index=on or off, settable at load and at run time.
 */
static bool strata_index_def;
module_param_named(index, strata_index_def, bool, 0644);
MODULE_PARM_DESC(index,
		 "Default for index= (N): Y keeps lower hard links whole through copy-up");

bool strata_index_default(void)
{
	return READ_ONCE(strata_index_def);
}

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", STRATA_VERSION);
}

/* One word per capability; the helper checks for what it needs. */
static ssize_t features_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "lowerdir+ escapes path-values userns-mounts\n");
}

static ssize_t max_layers_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", STRATA_MAX_LAYERS);
}

/*
 * The switch for mounts from inside a user namespace (userns.c), here as
 * well as among the module parameters: /sys/fs/strata is where the mount
 * helper and administrators look for what Strata does.
 */
static ssize_t userns_mounts_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%c\n", strata_userns_mounts_allowed() ? 'Y' : 'N');
}

static ssize_t userns_mounts_store(struct kobject *kobj,
				   struct kobj_attribute *attr,
				   const char *buf, size_t count)
{
	bool allow;
	int err = kstrtobool(buf, &allow);

	if (err)
		return err;
	strata_userns_mounts_set(allow);
	return count;
}

static struct kobj_attribute strata_attr_version = __ATTR_RO(version);
static struct kobj_attribute strata_attr_features = __ATTR_RO(features);
static struct kobj_attribute strata_attr_max_layers = __ATTR_RO(max_layers);
static struct kobj_attribute strata_attr_userns_mounts = __ATTR_RW(userns_mounts);

static struct attribute *strata_attrs[] = {
	&strata_attr_version.attr,
	&strata_attr_features.attr,
	&strata_attr_max_layers.attr,
	&strata_attr_userns_mounts.attr,
	NULL
};

static const struct attribute_group strata_attr_group = {
	.attrs = strata_attrs,
};

static struct kobject *strata_kobj;

int strata_sysfs_init(void)
{
	int err;

	strata_kobj = kobject_create_and_add("strata", fs_kobj);
	if (!strata_kobj)
		return -ENOMEM;
	err = sysfs_create_group(strata_kobj, &strata_attr_group);
	if (err) {
		kobject_put(strata_kobj);
		strata_kobj = NULL;
	}
	return err;
}

void strata_sysfs_exit(void)
{
	kobject_put(strata_kobj);
	strata_kobj = NULL;
}
