#include "battles/elo.h"

#include <cmath>

namespace bunny::backend::battles {

EloResult eloUpdate(int ratingA, int ratingB, double scoreA, int k)
{
    const double expectedA = 1.0 / (1.0 + std::pow(10.0, double(ratingB - ratingA) / 400.0));
    const int delta = int(std::lround(k * (scoreA - expectedA)));
    return {ratingA + delta, ratingB - delta};
}

} // namespace bunny::backend::battles
