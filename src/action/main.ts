// PLACEHOLDER: the action door is being written in this session.
import * as core from '@actions/core';
core.setFailed('modelgate action: not built yet');
