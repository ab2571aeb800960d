#include <iostream>

#include "http/healthserver.h"

POCO_SERVER_MAIN(bunny::backend::BunnyServer)
