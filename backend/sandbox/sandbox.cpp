#include "sandbox/sandbox.h"

namespace bunny::sandbox {

BatchResult Sandbox::runBatch(const Job &job, const std::vector<std::string> &inputs,
                              const BatchProceed &proceed)
{
    BatchResult batch;
    batch.status = Status::Ok;
    Job one = job;
    for (size_t i = 0; i < inputs.size(); ++i) {
        one.stdinData = inputs[i];
        RunResult result = run(one);
        batch.compile = result.compile;
        if (result.status == Status::CompileError) {
            // Every later run would build the same code again and fail the same way.
            batch.status = result.status;
            batch.runs.clear();
            return batch;
        }
        batch.runs.push_back(std::move(result));
        if (!proceed(i, batch.runs.back()))
            break;
    }
    return batch;
}

} // namespace bunny::sandbox
