#pragma once

#include <Poco/Formatter.h>

namespace bunny::backend {

/// One JSON object per log line ({"level","logger","message"}) for log collectors; the time
/// is left to journald, which stamps every line.
class JsonFormatter : public Poco::Formatter
{
public:
    void format(const Poco::Message &msg, std::string &text) override;
};

} // namespace bunny::backend
