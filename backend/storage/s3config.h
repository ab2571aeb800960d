#pragma once

#include <string>

namespace bunny::backend::storage {

/// Where and how to reach an S3 bucket (the s3.* settings).
struct S3Config
{
    std::string endpoint; // http(s)://host[:port], e.g. https://s3.eu-west-1.amazonaws.com
    std::string region = "us-east-1";
    std::string bucket;
    std::string accessKey;
    std::string secretKey;
    bool pathStyle = true;           // endpoint/bucket/key; false: bucket.endpoint/key (virtual-hosted)
    std::string prefix = "objects/"; // prepended to every key, so a bucket can be shared
    std::string connectAddress;      // host:port dialled instead of the endpoint's host (plain http)
    std::string caFile;              // PEM CA bundle for https; empty: the system's
    int timeoutSeconds = 30;
};

} // namespace bunny::backend::storage
