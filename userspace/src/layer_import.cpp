// SPDX-License-Identifier: GPL-2.0-only
#include "strata/layer_import.h"

#include <limits>
#include <set>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "archive_reader.h"
#include "entry_writer.h"
#include "import_target.h"
#include "strata/errors.h"
#include "strata/layer_index.h"
#include "strata/oci_name.h"
#include "strata/overlay_format.h"

namespace strata {

namespace {

Result<uid_t> owner_id(la_int64_t id, const char *what)
{
    // (uid_t)-1 means "leave unchanged" to chown, so it is no owner either.
    if (id < 0 || id >= std::numeric_limits<uid_t>::max())
        return content_error(std::string(what) + " " + std::to_string(id) + " is out of range");
    return static_cast<uid_t>(id);
}

// One entry of the tarball being imported.
struct Entry {
    archive_entry *raw;
    std::string name; // as the tarball spells it, for messages

    [[nodiscard]] mode_t type() const { return archive_entry_filetype(raw); }
    [[nodiscard]] bool is_hardlink() const { return archive_entry_hardlink(raw) != nullptr; }
    [[nodiscard]] bool is_plain_file() const { return type() == AE_IFREG && !is_hardlink(); }
};

class LayerImport {
public:
    LayerImport(ArchiveReader &reader, int root_fd, const ImportOptions &options);

    [[nodiscard]] Result<ProgressCounts> run();

private:
    [[nodiscard]] Result<void> apply(const Entry &entry);
    [[nodiscard]] Result<void> apply_whiteout(const Entry &entry, const PathComponents &hidden);
    [[nodiscard]] Result<void> apply_opaque(const Entry &entry, const PathComponents &dir);
    [[nodiscard]] Result<void> apply_object(const Entry &entry, const PathComponents &path);
    [[nodiscard]] Result<void> apply_hardlink(const Entry &entry, const PathComponents &path);
    [[nodiscard]] Result<void> apply_file(const Entry &entry, const PathComponents &path, IndexedKind kind);
    [[nodiscard]] Result<void> create(const Entry &entry, const Place &place, const EntryMeta &meta);
    [[nodiscard]] Result<EntryMeta> read_meta(const Entry &entry) const;
    [[nodiscard]] Result<void> after_block(std::size_t bytes);
    void report();
    // A warning about the entry at hand.
    void warn(const std::string &message) const;

    ArchiveReader &reader_;
    EntryWriter writer_;
    LayerIndex index_;
    const ImportOptions &options_;
    ProgressCounts counts_;
    std::string current_; // the entry at hand, for warnings
};

LayerImport::LayerImport(ArchiveReader &reader, int root_fd, const ImportOptions &options)
    : reader_(reader),
      writer_(root_fd, WriterPolicy{options.restore_owners, options.userxattr,
                                    [this](const std::string &message) { warn(message); }}),
      options_(options)
{
    counts_.input_size = reader.input_size();
}

void LayerImport::warn(const std::string &message) const
{
    options_.hooks.warning("entry " + quoted_name(current_) + ": " + message);
}

Result<ProgressCounts> LayerImport::run()
{
    for (;;) {
        if (auto ok = options_.hooks.check_cancelled(); !ok)
            return ok.error();
        auto next = reader_.next();
        if (!next) {
            if (counts_.entries == 0)
                return next.error();
            return with_context("after entry " + quoted_name(current_), next.error());
        }
        if (next.value() == nullptr)
            break;
        const char *name = archive_entry_pathname(next.value());
        Entry entry{next.value(), name ? name : ""};
        current_ = entry.name;
        if (auto ok = apply(entry); !ok)
            return with_context("entry " + quoted_name(entry.name), ok.error());
        ++counts_.entries;
        report();
    }
    if (auto ok = writer_.finish(); !ok)
        return ok.error();
    counts_.input_read = reader_.bytes_read();
    return counts_;
}

void LayerImport::report()
{
    counts_.input_read = reader_.bytes_read();
    options_.hooks.report(counts_);
}

Result<void> LayerImport::after_block(std::size_t bytes)
{
    counts_.bytes += bytes;
    report();
    return options_.hooks.check_cancelled();
}

Result<void> LayerImport::apply(const Entry &entry)
{
    auto path = split_entry_path(entry.name);
    if (!path)
        return path.error();
    auto name = classify_tar_name(path.value());
    if (!name)
        return name.error();
    switch (name.value().kind) {
    case TarNameKind::AufsMeta:
        warn("aufs metadata, skipped");
        return {};
    case TarNameKind::Whiteout:
        return apply_whiteout(entry, name.value().target);
    case TarNameKind::Opaque:
        return apply_opaque(entry, name.value().target);
    case TarNameKind::Regular:
        break;
    }
    return apply_object(entry, name.value().target);
}

Result<void> LayerImport::apply_whiteout(const Entry &entry, const PathComponents &hidden)
{
    if (!entry.is_plain_file())
        return content_error("whiteout name on an entry that is not a regular file");
    if (auto ok = index_.add_whiteout(hidden); !ok)
        return ok;
    auto meta = read_meta(entry);
    if (!meta)
        return meta.error();
    auto place = writer_.place(hidden);
    if (!place)
        return place.error();
    return writer_.make_whiteout(place.value(), meta.value());
}

Result<void> LayerImport::apply_opaque(const Entry &entry, const PathComponents &dir)
{
    if (!entry.is_plain_file())
        return content_error("opaque marker on an entry that is not a regular file");
    if (auto ok = index_.add_opaque(dir); !ok)
        return ok;
    return writer_.mark_opaque(dir);
}

Result<void> LayerImport::apply_object(const Entry &entry, const PathComponents &path)
{
    if (path.empty() && (entry.type() != AE_IFDIR || entry.is_hardlink()))
        return content_error("names the layer root but is not a directory");
    if (entry.is_hardlink())
        return apply_hardlink(entry, path);
    switch (entry.type()) {
    case AE_IFDIR: {
        auto exists = index_.add(path, IndexedKind::Directory);
        if (!exists)
            return exists.error();
        auto meta = read_meta(entry);
        if (!meta)
            return meta.error();
        return writer_.make_directory(path, std::move(meta).value(), exists.value());
    }
    case AE_IFLNK:
        return apply_file(entry, path, IndexedKind::Symlink);
    case AE_IFREG:
    case AE_IFCHR:
    case AE_IFBLK:
    case AE_IFIFO:
        return apply_file(entry, path, IndexedKind::NonDirectory);
    default:
        return content_error("a type a layer cannot hold (" + std::to_string(entry.type()) + ")");
    }
}

Result<void> LayerImport::apply_hardlink(const Entry &entry, const PathComponents &path)
{
    const std::string target_name = archive_entry_hardlink(entry.raw);
    auto target = split_entry_path(target_name);
    if (!target)
        return with_context("hardlink target " + quoted_name(target_name), target.error());
    if (auto ok = index_.check_link_target(target.value()); !ok)
        return ok;
    if (auto ok = index_.add(path, IndexedKind::NonDirectory); !ok)
        return ok.error();
    auto place = writer_.place(path);
    if (!place)
        return place.error();
    return writer_.make_hardlink(place.value(), target.value());
}

// Everything but directories and hardlinks: claimed in the index, then
// created in its (possibly new) parent.
Result<void> LayerImport::apply_file(const Entry &entry, const PathComponents &path, IndexedKind kind)
{
    if (auto ok = index_.add(path, kind); !ok)
        return ok.error();
    auto meta = read_meta(entry);
    if (!meta)
        return meta.error();
    auto place = writer_.place(path);
    if (!place)
        return place.error();
    return create(entry, place.value(), meta.value());
}

Result<void> LayerImport::create(const Entry &entry, const Place &place, const EntryMeta &meta)
{
    switch (entry.type()) {
    case AE_IFLNK: {
        const char *target = archive_entry_symlink(entry.raw);
        if (target == nullptr)
            return content_error("symlink without a target");
        return writer_.make_symlink(place, target, meta);
    }
    case AE_IFREG:
        return writer_.make_file(place, meta, [&](int fd) {
            return reader_.extract_data(fd, archive_entry_size(entry.raw),
                                        [this](std::size_t bytes) { return after_block(bytes); });
        });
    default: {
        const dev_t rdev = makedev(archive_entry_rdevmajor(entry.raw), archive_entry_rdevminor(entry.raw));
        return writer_.make_node(place, entry.type(), rdev, meta);
    }
    }
}

Result<EntryMeta> LayerImport::read_meta(const Entry &entry) const
{
    EntryMeta meta;
    meta.mode = archive_entry_perm(entry.raw) & 07777;
    auto uid = owner_id(archive_entry_uid(entry.raw), "uid");
    auto gid = owner_id(archive_entry_gid(entry.raw), "gid");
    if (!uid || !gid)
        return uid ? gid.error() : uid.error();
    meta.uid = uid.value();
    meta.gid = gid.value();
    if (archive_entry_mtime_is_set(entry.raw))
        meta.mtime = {archive_entry_mtime(entry.raw), archive_entry_mtime_nsec(entry.raw)};
    const char *name = nullptr;
    const void *value = nullptr;
    std::size_t size = 0;
    std::set<std::string> seen;
    archive_entry_xattr_reset(entry.raw);
    while (archive_entry_xattr_next(entry.raw, &name, &value, &size) == ARCHIVE_OK) {
        // libarchive's own tarballs carry each xattr twice, as a
        // LIBARCHIVE.xattr and a SCHILY.xattr record.
        if (!seen.insert(name).second)
            continue;
        if (is_union_xattr(name)) {
            warn("xattr " + std::string(name) + " skipped: a layer tarball must not carry union metadata");
            continue;
        }
        meta.xattrs.push_back({name, std::string(static_cast<const char *>(value), size)});
    }
    return meta;
}

} // namespace

Result<ProgressCounts> import_layer(const std::string &archive, const std::string &dir,
                                    const ImportOptions &options)
{
    auto reader = ArchiveReader::open(archive);
    if (!reader)
        return reader.error();
    auto target = ImportTarget::prepare(dir);
    if (!target)
        return target.error();
    LayerImport import(reader.value(), target.value().fd(), options);
    auto counts = import.run();
    if (!counts) {
        if (auto undone = target.value().roll_back(); !undone)
            return with_context(counts.error().message + "; removing what was imported failed too",
                                undone.error());
        return counts.error();
    }
    target.value().keep();
    return counts;
}

} // namespace strata
