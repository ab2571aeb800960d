#pragma once
// The byte protocol between the host and bunny-box-init, the stub that waits inside every box
// (native and Docker). Header-only and libc-only: the stub is a static binary without Poco.
//
// Host -> stub (the box's stdin): the magic, then records `tag u32:length payload`, ending with
// kEnd; every byte after kEnd is the program's stdin. Stub -> host (the box's stdout): records of
// the same shape: output chunks, artifacts (compile boxes), and one kStatus record last.
// Lengths and integers are little-endian, as both ends run on the same machine.

#include <cstdint>

namespace bunny::sandbox::protocol {

inline constexpr char kMagic[4] = {'B', 'N', 'Y', '1'};

// Host -> stub.
inline constexpr char kWorkdir = 'W'; // path (created, then the working directory)
inline constexpr char kFile = 'F';    // u32 mode, u32 path length, path, content
inline constexpr char kArg = 'A';     // one argv element (argv[0] is an absolute path)
inline constexpr char kEnv = 'E';     // one NAME=value
inline constexpr char kLimit = 'L';   // u32 resource, u64 value (setrlimit soft and hard)
inline constexpr char kSeccomp = 'S'; // a compiled classic BPF program (struct sock_filter[])
inline constexpr char kWall = 'T';    // u64 wall-clock limit in milliseconds
inline constexpr char kOutput = 'O';  // u64 byte limit per output stream
inline constexpr char kCollect = 'C'; // path (file or directory) sent back after a clean exit
inline constexpr char kMerge = 'M';   // empty: the program's stdout goes to the stderr stream
inline constexpr char kEnd = 'X';

// Stub -> host.
inline constexpr char kStdout = '1';
inline constexpr char kStderr = '2';
// kFile records carry artifacts back, with the same payload as above.
inline constexpr char kStatus = 'Z'; // text "key=value key=value ..." (see BoxOutcome)

inline constexpr std::uint32_t kMaxRecord = 64u << 20;

} // namespace bunny::sandbox::protocol
