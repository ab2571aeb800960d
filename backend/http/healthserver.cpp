#include "http/healthserver.h"

#include <core/version.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

namespace bunny::backend {

namespace {

class JsonHandler : public Poco::Net::HTTPRequestHandler
{
public:
    JsonHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string body)
        : m_status(status), m_body(std::move(body)) {}

    void handleRequest(Poco::Net::HTTPServerRequest &, Poco::Net::HTTPServerResponse &response) override
    {
        response.setStatus(m_status);
        response.setContentType("application/json");
        response.setContentLength(std::streamsize(m_body.size()));
        response.send() << m_body;
    }

private:
    Poco::Net::HTTPResponse::HTTPStatus m_status;
    std::string m_body;
};

class Router : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &request) override
    {
        if (request.getURI() == "/healthz")
            return new JsonHandler(Poco::Net::HTTPResponse::HTTP_OK,
                                   R"({"status":"ok","version":")" + std::string(version()) + "\"}");
        return new JsonHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                               R"({"error":{"code":"not_found","message":"No such route."}})");
    }
};

} // namespace

void BunnyServer::defineOptions(Poco::Util::OptionSet &options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "Print this help.").repeatable(false));
    options.addOption(Poco::Util::Option("port", "p", "TCP port (default 8737).").argument("N"));
    options.addOption(Poco::Util::Option("bind", "b", "Address to bind (default 127.0.0.1).").argument("ADDR"));
}

void BunnyServer::handleOption(const std::string &name, const std::string &value)
{
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        m_helpRequested = true;
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setHeader("bunnyd: the Bunny Code server.");
        help.format(std::cout);
        stopOptionsProcessing();
    } else if (name == "port") {
        m_port = static_cast<unsigned short>(Poco::NumberParser::parseUnsigned(value));
    } else if (name == "bind") {
        m_bind = value;
    }
}

int BunnyServer::main(const std::vector<std::string> &)
{
    if (m_helpRequested)
        return EXIT_OK;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(m_bind, m_port));
    Poco::Net::HTTPServer server(new Router, socket, new Poco::Net::HTTPServerParams);
    server.start();
    std::cout << "bunnyd " << version() << " listening on " << socket.address().toString() << std::endl;
    waitForTerminationRequest();
    server.stop();
    return EXIT_OK;
}

} // namespace bunny::backend
