#include "recording/writer.h"

#include "recording/applyevent.h"
#include "recording/gzip.h"
#include "recording/reader.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace bunny::rec {

namespace {

// Past this many buffered bytes the background thread writes at once instead of waiting.
constexpr std::size_t kHighWater = 1 << 20;

} // namespace

Result<std::unique_ptr<Writer>> Writer::create(const std::string &path, const Header &header, Options options)
{
    const std::string headerLine = serialize(header);
    // Never write a file our own reader would refuse.
    if (auto check = parseHeader(headerLine); !check)
        return makeError("bad header: " + check.message().substr(std::strlen("line 1: ")));
    const int fd = ::open(
        path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (options.replaceExisting ? O_TRUNC : O_EXCL), 0644);
    if (fd < 0 && errno == EEXIST)
        return makeError("cannot create " + path + ": a file by that name exists (not overwritten)");
    if (fd < 0)
        return makeError("cannot create " + path + ": " + std::strerror(errno));
    std::unique_ptr<Writer> writer(new Writer(path, fd, options));
    writer->m_buffer = headerLine + '\n';
    if (auto r = writer->flush(); !r)
        return r.error();
    if (options.ownThread)
        writer->m_thread = std::thread(&Writer::run, writer.get());
    return writer;
}

Writer::Writer(std::string path, int fd, Options options)
    : m_path(std::move(path))
    , m_options(options)
    , m_fd(fd)
    , m_doc(std::make_unique<detail::ChunkedDocument>())
{
    if (m_options.gzip)
        m_deflater = std::make_unique<detail::Deflater>();
    m_buffer.reserve(64 * 1024);
}

Writer::~Writer()
{
    (void)close();
}

Result<void> Writer::append(const Event &event)
{
    std::string problem = detail::eventProblem(event);
    std::unique_lock lock(m_mutex);
    if (m_error)
        return *m_error;
    if (m_closed)
        return makeError("the recording " + m_path + " is already closed");
    if (!problem.empty())
        return makeError("cannot record this event: " + problem);
    if (event.t < m_lastT)
        return makeError("cannot record this event: t goes backwards (" + std::to_string(event.t) +
                         " after " + std::to_string(m_lastT) + ")");
    // Refused here, the op costs the caller an error; written, it would make the whole file
    // unreadable past it.
    if (auto fits = m_doc->apply(event); !fits)
        return makeError("cannot record this event: it does not fit the files: " + fits.message());
    m_lastT = event.t;
    const bool wasEmpty = m_buffer.empty();
    appendLine(m_buffer, event);
    if (wasEmpty) {
        m_deadline = std::chrono::steady_clock::now() + m_options.flushInterval;
        lock.unlock();
        m_wake.notify_one();
    } else if (m_buffer.size() >= kHighWater && !m_urgent) {
        m_urgent = true;
        lock.unlock();
        m_wake.notify_one();
    }
    return {};
}

void Writer::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_buffer.empty() || m_error) {
            m_wake.wait(lock);
            continue;
        }
        if (!m_urgent && std::chrono::steady_clock::now() < m_deadline) {
            m_wake.wait_until(lock, m_deadline);
            continue;
        }
        lock.unlock();
        auto r = writeOut(false);
        lock.lock();
        if (!r && !m_error)
            m_error = r.error();
    }
}

Result<void> Writer::flush()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_error)
            return *m_error;
        if (m_closed)
            return makeError("the recording " + m_path + " is already closed");
    }
    auto r = writeOut(false);
    if (!r) {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = r.error();
    }
    return r;
}

Result<void> Writer::close()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closeResult)
            return *m_closeResult;
        m_closed = true;
        m_stop = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
    Result<void> result;
    {
        std::lock_guard lock(m_mutex);
        if (m_error)
            result = *m_error;
    }
    if (result)
        result = writeOut(true);
    if (m_fd >= 0 && ::close(m_fd) != 0 && result)
        result = makeError("cannot close " + m_path + ": " + std::strerror(errno));
    m_fd = -1;
    std::lock_guard lock(m_mutex);
    m_closeResult = result;
    return result;
}

Result<void> Writer::writeOut(bool finish)
{
    std::lock_guard io(m_ioMutex);
    {
        std::lock_guard lock(m_mutex);
        m_taken.swap(m_buffer); // the buffers trade places, so both keep their capacity
        m_urgent = false;
    }
    if (m_taken.empty() && !finish)
        return {};
    Result<void> r;
    if (m_deflater) {
        m_compressed.clear();
        r = m_deflater->compress(m_taken, m_compressed);
        if (r && finish)
            r = m_deflater->finish(m_compressed);
        if (r)
            r = writeAll(m_compressed);
    } else {
        r = writeAll(m_taken);
    }
    m_taken.clear();
    if (r && ::fdatasync(m_fd) != 0)
        r = makeError("cannot sync " + m_path + " to disk: " + std::strerror(errno));
    return r;
}

Result<void> Writer::writeAll(const std::string &data)
{
    const char *p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return makeError("cannot write " + m_path + ": " + std::strerror(errno));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return {};
}

} // namespace bunny::rec
