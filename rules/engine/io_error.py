from reviewer.rule import Rule


class IoErrorRule(Rule):
    code = "RV004"
    name = "io-error"
    summary = "The file could not be read as Python source (unreadable, undecodable, binary, a broken link)."
    documentation = """
        ## What it does
        Reports a file that reviewer was asked to check but could not read as Python
        source: permission denied, bytes that are not valid in the file's encoding, a
        binary file, a broken symbolic link, a FIFO or a device. The message says which.

        ## Why it matters
        A file that cannot be read is not reviewed. It is reported as a finding, in every
        output format (so CI shows why it failed), and the run exits with code 1.
    """
