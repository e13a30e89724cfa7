"""Misuses of PyTorch's learning-rate scheduler API. Every rule binds the scheduler through
its constructor (`FileAnalysis.objects`): a receiver not built by a known scheduler
constructor or factory gets no finding."""
