#include "server/jsonformatter.h"

#include <Poco/Message.h>

#include <nlohmann/json.hpp>

namespace bunny::backend {

namespace {

const char *levelName(Poco::Message::Priority p)
{
    switch (p) {
    case Poco::Message::PRIO_FATAL:
    case Poco::Message::PRIO_CRITICAL:
        return "critical";
    case Poco::Message::PRIO_ERROR:
        return "error";
    case Poco::Message::PRIO_WARNING:
        return "warning";
    case Poco::Message::PRIO_NOTICE:
        return "notice";
    case Poco::Message::PRIO_INFORMATION:
        return "info";
    default:
        return "debug";
    }
}

} // namespace

void JsonFormatter::format(const Poco::Message &msg, std::string &text)
{
    text = nlohmann::json{{"level", levelName(msg.getPriority())},
                          {"logger", msg.getSource()},
                          {"message", msg.getText()}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace bunny::backend
