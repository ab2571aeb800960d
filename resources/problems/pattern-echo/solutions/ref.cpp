#include <iostream>
#include <string>
#include <vector>

int main()
{
    std::ios::sync_with_stdio(false);
    std::string song, tune;
    std::cin >> song >> tune;
    const size_t m = tune.size();
    std::vector<size_t> fail(m, 0);
    for (size_t i = 1, k = 0; i < m; ++i) {
        while (k && tune[i] != tune[k])
            k = fail[k - 1];
        if (tune[i] == tune[k])
            ++k;
        fail[i] = k;
    }
    long long count = 0;
    for (size_t i = 0, k = 0; i < song.size(); ++i) {
        while (k && song[i] != tune[k])
            k = fail[k - 1];
        if (song[i] == tune[k])
            ++k;
        if (k == m) {
            ++count;
            k = fail[k - 1];
        }
    }
    std::cout << count << '\n';
}
