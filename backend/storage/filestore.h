#pragma once

#include "storage/objectstore.h"

namespace bunny::backend::storage {

/// Objects as files under root/ab/<sha256>, written atomically: temp file, fsync, rename,
/// fsync of the folder, so a crash leaves either the whole object or none. Temp files live in
/// root/tmp (never served: names there are not object names) under an flock held while writing.
class FileStore : public ObjectStore
{
public:
    /// Also removes the temp files of writers that died (killed mid-write): those nobody holds.
    explicit FileStore(std::string root);
    /// How many dead writers' temp files the constructor removed.
    int removedTempFiles() const { return m_removedTempFiles; }

    std::string put(std::string_view bytes) override;
    bool exists(const std::string &sha256) override;
    std::uint64_t size(const std::string &sha256) override;
    std::string read(const std::string &sha256, std::uint64_t offset, std::uint64_t length) override;
    Fd openLocal(const std::string &sha256) override;
    void remove(const std::string &sha256) override;

private:
    std::string pathOf(const std::string &sha256) const;

    void removeDeadTempFiles();

    std::string m_root;
    int m_removedTempFiles = 0;
};

} // namespace bunny::backend::storage
