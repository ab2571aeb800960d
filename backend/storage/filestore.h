#pragma once

#include "storage/objectstore.h"

namespace bunny::backend::storage {

/// Objects as files under root/ab/<sha256>, written atomically: temp file, fsync, rename,
/// fsync of the folder, so a crash leaves either the whole object or none.
class FileStore : public ObjectStore
{
public:
    explicit FileStore(std::string root);

    std::string put(std::string_view bytes) override;
    bool exists(const std::string &sha256) override;
    std::uint64_t size(const std::string &sha256) override;
    std::string read(const std::string &sha256, std::uint64_t offset, std::uint64_t length) override;
    void remove(const std::string &sha256) override;

private:
    std::string pathOf(const std::string &sha256) const;

    std::string m_root;
};

} // namespace bunny::backend::storage
