#include "server/bunnyserver.h"

#include <iostream>

POCO_SERVER_MAIN(bunny::backend::BunnyServer)
