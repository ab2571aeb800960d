#include "storage/filestore.h"

#include "storage/fd.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/UUIDGenerator.h>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bunny::backend::storage {

namespace {

[[noreturn]] void throwErrno(const std::string &what, const std::string &path)
{
    throw Poco::IOException(what + " " + path + ": " + std::strerror(errno));
}

void fsyncDir(const std::string &dir)
{
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0)
        throwErrno("cannot sync folder", dir);
}

} // namespace

FileStore::FileStore(std::string root)
    : m_root(std::move(root))
{
    Poco::File(m_root + "/tmp").createDirectories();
    removeDeadTempFiles();
}

void FileStore::removeDeadTempFiles()
{
    // A writer holds an exclusive flock on its temp file until it is renamed; one we can lock is
    // the leftover of a process that died mid-write (another bunnyd on the same folder keeps its own).
    const std::string dir = m_root + "/tmp";
    std::unique_ptr<DIR, int (*)(DIR *)> listing(::opendir(dir.c_str()), ::closedir);
    if (!listing)
        return;
    while (const dirent *entry = ::readdir(listing.get())) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        const std::string path = dir + "/" + name;
        Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        if (fd.get() >= 0 && ::flock(fd.get(), LOCK_EX | LOCK_NB) == 0 && ::unlink(path.c_str()) == 0)
            ++m_removedTempFiles;
    }
}

std::string FileStore::pathOf(const std::string &sha256) const
{
    if (!isSha256Hex(sha256))
        throw Poco::InvalidArgumentException("not an object name: " + sha256);
    return m_root + "/" + sha256.substr(0, 2) + "/" + sha256;
}

std::string FileStore::put(std::string_view bytes)
{
    const std::string sha = sha256Hex(bytes);
    const std::string path = pathOf(sha);
    if (exists(sha))
        return sha;
    const std::string dir = m_root + "/" + sha.substr(0, 2);
    Poco::File(dir).createDirectories();
    const std::string tmp =
        m_root + "/tmp/" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
        if (fd.get() < 0)
            throwErrno("cannot create", tmp);
        ::flock(fd.get(), LOCK_EX); // marks it as being written (see removeDeadTempFiles)
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                ::unlink(tmp.c_str());
                throwErrno("cannot write", tmp);
            }
            done += std::size_t(n);
        }
        if (::fsync(fd.get()) != 0) {
            ::unlink(tmp.c_str());
            throwErrno("cannot sync", tmp);
        }
        // Renamed while still locked, so a starting server never takes it for a dead writer's.
        if (::rename(tmp.c_str(), path.c_str()) != 0) {
            ::unlink(tmp.c_str());
            throwErrno("cannot rename to", path);
        }
    }
    fsyncDir(dir);
    return sha;
}

bool FileStore::exists(const std::string &sha256)
{
    struct stat st
    {
    };
    return ::stat(pathOf(sha256).c_str(), &st) == 0;
}

std::uint64_t FileStore::size(const std::string &sha256)
{
    struct stat st
    {
    };
    const std::string path = pathOf(sha256);
    if (::stat(path.c_str(), &st) != 0)
        throw Poco::FileNotFoundException(path);
    return std::uint64_t(st.st_size);
}

Fd FileStore::openLocal(const std::string &sha256)
{
    const std::string path = pathOf(sha256);
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT)
            throw Poco::FileNotFoundException(path);
        throwErrno("cannot open", path);
    }
    return fd;
}

std::string FileStore::read(const std::string &sha256, std::uint64_t offset, std::uint64_t length)
{
    const std::string path = pathOf(sha256);
    const Fd fd = openLocal(sha256);
    std::string out(length, '\0');
    std::size_t done = 0;
    while (done < length) {
        const ssize_t n = ::pread(fd.get(), out.data() + done, length - done, off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throwErrno("cannot read", path);
        if (n == 0)
            break;
        done += std::size_t(n);
    }
    out.resize(done);
    return out;
}

void FileStore::remove(const std::string &sha256)
{
    const std::string path = pathOf(sha256);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throwErrno("cannot remove", path);
}

} // namespace bunny::backend::storage
