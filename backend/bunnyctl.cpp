#include "ctl/ctlmain.h"

#include <iostream>

int main(int argc, char *argv[])
{
    return bunny::backend::runCtl(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
